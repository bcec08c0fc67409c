// Place every corpus key (hex lines on stdin) with kafkajs's own
// partitioners and print "N index partition" lines for keyvec check.
// Usage: node kafkajs.js default|legacy N...
const { Partitioners } = require('kafkajs')
const which = process.argv[2]
const counts = process.argv.slice(3).map(Number)
const make = which === 'legacy' ? Partitioners.LegacyPartitioner : Partitioners.DefaultPartitioner
const keys = require('fs').readFileSync(0, 'utf8').split('\n').filter((l, i, a) => i < a.length - 1).map(h => Buffer.from(h, 'hex'))
const partition = make()
const out = []
for (const n of counts) {
  const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0 }))
  keys.forEach((key, i) => {
    out.push(`${n} ${i} ${partition({ topic: 't', partitionMetadata, message: { key } })}`)
  })
}
process.stdout.write(out.join('\n') + '\n')
