package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// providerRef matches a config-provider reference, ${provider:[path:]key}.
var providerRef = regexp.MustCompile(`\$\{[^}]*\}`)

// jaasProblem reports why the Java client would reject a sasl.jaas.config
// value at start-up, or "" when it parses. It follows the tokenizer and
// grammar of clients/src/main/java/org/apache/kafka/common/security/
// JaasConfig.java: a java.io.StreamTokenizer with its default syntax
// (letters are word characters, double and single quotes quote, numbers
// are parsed, every other character such as '@' or '{' stands alone) plus
// // and /* */ comments and '-', '_' and '$' as word characters. So an
// unquoted option value must be one word: password=12345 (a number, with
// no string value) and username=alice@example.com (three tokens) fail, as
// verified with the JDK's StreamTokenizer. JaasContext.java then requires
// exactly one login module. Config-provider references (${file:…}) are
// resolved before the JAAS line is parsed, so they count as one word here.
// Messages never quote option values, which may be secrets, nor a token
// that is not followed by '=' (it may be the tail of a value).
func jaasProblem(value string) string {
	toks := jaasTokens(providerRef.ReplaceAllString(value, "x"))
	i, modules := 0, 0
	next := func() *jaasToken {
		if i >= len(toks) {
			return nil
		}
		i++
		return &toks[i-1]
	}
	for {
		mod := next()
		if mod == nil {
			break
		}
		modules++
		if !mod.str {
			return "the login module class is missing"
		}
		if mod.quoted && strings.ContainsAny(mod.text, " \t") {
			return "the whole value is quoted, so the JAAS parser reads it as one login module name and fails with \"Login module control flag not specified\""
		}
		flag := next()
		if flag == nil {
			return "the login module control flag (required, requisite, sufficient or optional) is missing"
		}
		switch strings.ToLower(flag.text) {
		case "required", "requisite", "sufficient", "optional":
		default:
			if !flag.str {
				return "the login module control flag (required, requisite, sufficient or optional) is missing"
			}
			return fmt.Sprintf("%q is not a login module control flag: want required, requisite, sufficient or optional", flag.text)
		}
		for {
			key := next()
			if key == nil {
				return "the entry is not terminated by a semicolon"
			}
			if key.char == ';' {
				break
			}
			if eq := next(); eq == nil || eq.char != '=' {
				return "an option is not written key=value (an unquoted value with characters such as @, :, / or spaces must be quoted)"
			}
			name := key.text
			val := next()
			if val == nil || !val.str {
				return fmt.Sprintf("the value of option %q is not a string: quote it (%s=\"…\"); unquoted digits are read as a number and special characters end the word", name, name)
			}
		}
	}
	switch {
	case modules == 0:
		return "no login module is given"
	case modules > 1:
		return fmt.Sprintf("it holds %d login modules; the Kafka client accepts exactly 1", modules)
	}
	return ""
}

type jaasToken struct {
	text   string
	str    bool // a word or a quoted string: StreamTokenizer.sval is set
	quoted bool
	char   byte // an ordinary character token (';', '='), else 0
}

// jaasTokens splits value as JaasConfig's StreamTokenizer does.
func jaasTokens(s string) []jaasToken {
	var out []jaasToken
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0xa0 || c == '-' || c == '_' || c == '$'
	}
	isNum := func(c byte) bool { return c >= '0' && c <= '9' || c == '.' }
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c <= ' ':
			i++
		case strings.HasPrefix(s[i:], "//") || c == '/' && !strings.HasPrefix(s[i:], "/*"):
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case c == '"' || c == '\'':
			j := i + 1
			var b strings.Builder
			for j < len(s) && s[j] != c && s[j] != '\n' && s[j] != '\r' {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				b.WriteByte(s[j])
				j++
			}
			out = append(out, jaasToken{text: b.String(), str: true, quoted: true})
			i = j + 1
		case isWord(c):
			j := i
			for j < len(s) && (isWord(s[j]) || isNum(s[j])) {
				j++
			}
			out = append(out, jaasToken{text: s[i:j], str: true})
			i = j
		case isNum(c):
			j := i
			for j < len(s) && isNum(s[j]) {
				j++
			}
			out = append(out, jaasToken{text: s[i:j]}) // a number: no sval
			i = j
		default:
			out = append(out, jaasToken{text: string(c), char: c})
			i++
		}
	}
	return out
}
