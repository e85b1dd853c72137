// ExodusExtraction: placeholder until its issue lands.
