package report

import (
	"encoding/json"
	"io"

	"github.com/kafkalint/kafkalint/analyzer/keys"
)

// KeysJSONVersion is the schema version of KeysJSON output. Fields are
// added, never renamed; a breaking change bumps it. docs/keys.md documents
// the schema.
const KeysJSONVersion = 1

// KeysJSON writes the result as one indented JSON document:
// {"version": 1, "tool": "kafkalint", "tool_version": ..., "result": {...}}.
func KeysJSON(w io.Writer, r *keys.Result, o KeysOptions) error {
	doc := struct {
		Version     int          `json:"version"`
		Tool        string       `json:"tool"`
		ToolVersion string       `json:"tool_version"`
		Result      *keys.Result `json:"result"`
	}{KeysJSONVersion, "kafkalint keys", o.ToolVersion, r}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
