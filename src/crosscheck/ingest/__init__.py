"""The ingest stage's readers: files and folders in, ``RawDocument``s and ``Problem``s out.

``iter_documents(paths)`` walks files and folders (sorted, hidden ones skipped), detects each
file's format from its content and extension, and yields one ``RawDocument`` per article (plain
text, HTML page, JSON/JSONL record, feed entry, WARC response) or one ``Problem`` per thing that
could not be read. It never raises for bad input.

Problem codes (stable): E100 unexpected failure (a bug; the run goes on), E101 empty file,
E102 binary, E103 undecodable, E104 too large, E105 no article text, E106 malformed JSON line,
E107 truncated WARC, E108 unknown format, E109 path not found, E110 unreadable (permissions,
I/O). ``CODES`` maps each code to its meaning.

Heavy libraries (trafilatura, feedparser, warcio, charset-normalizer) load on first use only.
"""

from crosscheck.ingest.base import CODES, ReadLimits, ReadStats
from crosscheck.ingest.reader import iter_documents, iter_files

__all__ = ["iter_documents", "iter_files", "ReadLimits", "ReadStats", "CODES"]
