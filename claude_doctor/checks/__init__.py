"""The checks of `claude-doctor check`, laid out by what each part may do:

- `sources/`  reads the machine (environment, `.env`, Claude Code's files, the SDK's profiles, git, `apiKeyHelper`)
              into an `Inventory` (`inventory.py`, plain data);
- `resolve/`  pure: from what was read to what each client would use (endpoint, credential, proxy, trust store), and
              the lints of those values;
- `local/`    the check functions that turn that state into `CheckResult`s (all of `check --offline`);
- `network/`  the path to the API over real sockets, under the run's deadline; `api/` the minimal API requests;
- `state.py` gathers sources and resolution once; `remote.py` runs the network and API halves; `runner.py` isolates
  each local check; `context.py` and `options.py` say where and how the run happens.
"""
