// ExodusAPI: placeholder until its issue lands.
