// Package keys is kafkalint's partition-key advisor engine: it reads a sample
// of records, derives one key per candidate, places every key with the exact
// partitioner a producer library uses, and judges how each candidate spreads
// over the topic's partitions.
//
// # Partitioners
//
// Each [Partitioner] reproduces one client library byte for byte (see
// partitioner.go for the sources). Placement is checked against the real
// libraries by the separate interop module (interop/ and .ci/interop-keys.sh),
// not against constants re-derived here.
//
// # Streaming and memory
//
// [Analyze] reads its input once and keeps bounded state per candidate,
// whatever the input size:
//
//   - per-partition record and weight counters, for every partition count and
//     partitioner asked for;
//   - a distinct-key set of 64-bit key hashes that is exact up to a cap and
//     then turns into an adaptive distinct sample (Gibbons, "Distinct
//     Sampling for Highly-Accurate Answers to Distinct Values Queries", VLDB
//     2001): only keys whose hash has its top L bits zero are kept, L growing
//     each time the sample fills. Per-key facts (does a key move when N
//     changes, do two partitioners disagree) are read from this sample;
//   - a HyperLogLog sketch (Flajolet et al. 2007, 2^14 registers, standard
//     error 1.04/√16384 ≈ 0.81%) for the distinct count once the exact set
//     has overflowed;
//   - a weighted Misra-Gries summary with batched decrements (Misra, Gries
//     1982; Anderson et al. 2017) of the heaviest keys: with parameter k it
//     holds up to 2k counters, every key heavier than W/(k+1) is held, and
//     each counter underestimates its key's weight by at most W/(k+1),
//     where W is the total weight. The report gives the midpoint of that
//     range with half its width as the error (±), and takes the interval's
//     lower end from the counter itself.
//
// # Statistics
//
// Load figures are set against what a perfectly uniform key would give for
// the same number of records (multinomial noise, simulated with a fixed seed),
// so hashing noise on a small sample is not mistaken for skew. Shares carry
// Wilson score intervals.
package keys
