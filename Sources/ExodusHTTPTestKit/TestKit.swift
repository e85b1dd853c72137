// ExodusHTTPTestKit: placeholder until the server core lands.
