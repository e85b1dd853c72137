// ExodusCore: placeholder until its issue lands.
