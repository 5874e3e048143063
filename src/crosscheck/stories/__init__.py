"""Stories: reports of the same real-world event, found in a growing corpus (see ``base``).

``features`` turns an article into retrieval keys, a lead vector and a text-free features dict;
``similarity`` compares two features dicts; ``cluster.StoryClusterer`` decides join-or-found;
``memory.MemoryStoryIndex`` holds the index in memory; ``ann`` the swappable vector indexes.
"""
