// ExodusFetch: placeholder until its issue lands.
