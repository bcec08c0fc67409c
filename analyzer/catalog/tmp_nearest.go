package catalog

import "strings"

// TEMPORARY until the catalog branch lands.

func (c *Catalog) Nearest(name string, clients Client) (string, bool) {
	best, bestD := "", 4
	for n, k := range c.keys {
		if k.Clients&clients == 0 {
			continue
		}
		if strings.HasPrefix(n, name+".") {
			return n, true
		}
		if d := lev(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best, best != ""
}

func lev(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(b)]
}

func Redact(key, value string) string {
	k := strings.ToLower(key)
	if strings.Contains(k, "password") || strings.Contains(k, "secret") || strings.Contains(k, "jaas") || strings.Contains(k, "user.info") || strings.Contains(k, "token") {
		return "<redacted>"
	}
	return value
}
