"""Place every corpus key (hex lines on stdin) with python3-kafka's own
DefaultPartitioner (kafka/partitioner/default.py, murmur2) and print
"N index partition" lines for keyvec check."""
import sys

from kafka.partitioner.default import DefaultPartitioner

counts = [int(c) for c in sys.argv[1:]]
keys = [bytes.fromhex(line.strip()) for line in sys.stdin]
part = DefaultPartitioner()
out = []
for n in counts:
    parts = list(range(n))
    for i, k in enumerate(keys):
        out.append("%d %d %d" % (n, i, part(k, parts, parts)))
sys.stdout.write("\n".join(out) + "\n")
