"""Stories: reports of the same real-world event, found in a growing corpus (see ``base``)."""
