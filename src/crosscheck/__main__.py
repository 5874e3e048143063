from crosscheck.cli import entry

entry()
