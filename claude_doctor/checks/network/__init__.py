"""The network half of `check`: proxy, DNS, TCP, TLS, and the minimal API requests, each bounded by a deadline."""
