from crosscheck.cli import entry

if __name__ == "__main__":  # worker processes (spawn) import this module again; run only once
    entry()
