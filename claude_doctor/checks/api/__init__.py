"""The API requests of `check`: the httpx client (`client`), the requests and how their answers are reported
(`requests`), and the rate-limit headers (`rate_limits`)."""
