// Package corpus is the fixed key corpus the interop checks run every client
// library over: empty, every single byte, ASCII identifiers, UUIDs, UTF-8,
// long and binary keys, and sign-bit edge cases, from a fixed seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Counts are the partition counts every key is placed on.
var Counts = []int{1, 2, 3, 7, 12, 30, 100, 1000}

// Keys returns the corpus, the same on every call: more than 10,000 keys.
func Keys() [][]byte {
	r := rand.New(rand.NewPCG(4, 2026))
	var ks [][]byte
	add := func(b []byte) { ks = append(ks, b) }
	add([]byte{})
	for c := 0; c < 256; c++ {
		add([]byte{byte(c)})
	}
	for i := 0; i < 3000; i++ {
		add(fmt.Appendf(nil, "user-%d", i))
	}
	for i := 0; i < 1000; i++ {
		add(fmt.Appendf(nil, "%d", i*7919))
	}
	for i := 0; i < 1000; i++ {
		var u [16]byte
		for j := range u {
			u[j] = byte(r.UintN(256))
		}
		add(fmt.Appendf(nil, "%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:]))
	}
	runes := []rune("aé日本語€𝄞ßøЖλ中文😀 -_")
	for i := 0; i < 1000; i++ {
		var sb strings.Builder
		for j, n := 0, 1+r.IntN(20); j < n; j++ {
			sb.WriteRune(runes[r.IntN(len(runes))])
		}
		add([]byte(sb.String()))
	}
	for i := 0; i < 200; i++ {
		b := make([]byte, 100+r.IntN(4000))
		for j := range b {
			b[j] = 'a' + byte(r.IntN(26))
		}
		add(b)
	}
	for i := 0; i < 3000; i++ {
		b := make([]byte, 1+r.IntN(64))
		for j := range b {
			b[j] = byte(r.UintN(256))
		}
		add(b)
	}
	for n := 1; n <= 16; n++ {
		for _, c := range []byte{0x00, 0x7f, 0x80, 0xff, '\n'} {
			add([]byte(strings.Repeat(string([]byte{c}), n)))
		}
	}
	for i := 0; i < 500; i++ {
		add(fmt.Appendf(nil, "tenant-%d|eu-west-%d", i, i%3))
	}
	return ks
}
