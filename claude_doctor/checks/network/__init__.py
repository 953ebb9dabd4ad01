"""The Network section of `check`: the socket probes (`probe`), the path walk over them (`path`), and the runner that
keeps the remote checks inside the run's deadline (`deadline`)."""
