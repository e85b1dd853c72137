// ExodusHTTP: placeholder until its issue lands.
