package main

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/catalog/internal/facts"
)

// release is one Kafka version and the apache/kafka commit read for it.
type release struct {
	version, commit, ref string
}

// releases are the versions the catalog holds. Release tags are used where
// the fetched snapshots have them; otherwise the "Bump version to X.Y.0"
// commit of the release branch, which is what the release was built from
// (later reverts and re-bumps of the same message are RC retries; the last
// bump before the next patch version is the release).
var releases = []release{
	{"3.0", "8cb0a5e9d3441962896b79163d141607e94d9b54", "tag 3.0.0"},
	{"3.1", "37edeed0777bacb3dc34e97bc6959bf9d043de2d", "tag 3.1.0"},
	{"3.2", "38103ffaa962ef5092baffb884c84f8de3568501", "tag 3.2.0"},
	{"3.3", "9d1f9f77642d7e95dec37647657478ed187bdeb7", "tag 3.3.0"},
	{"3.4", "2e1947d240607d53f071f61c875cfffc3fec47fe", "tag 3.4.0"},
	{"3.5", "c97b88d5db4de28d9f51bb11fb71ddd6217c7dda", "tag 3.5.0"},
	{"3.6", "60e845626d8a465a8cfe68bb2d7d4b88d622634e", "tag 3.6.0"},
	{"3.7", "2ae524ed625438c5fee89e78648bd73e64a3ada0", "tag 3.7.0"},
	{"3.8", "771b9576b00ecf5b64ab6e8bedf04156fbdb5cd6", "tag 3.8.0"},
	{"3.9", "cc53a632edcf78dc8b2a4c2c502c654950744e1e", "commit \"Bump version to 3.9.0\" (2024-11-06), branch 3.9"},
	{"4.0", "4ae681446f18f9a6d7a59f317013ef82379a4ba4", "branch 4.0, last commit before \"MINOR: Bump to 4.0.1-SNAPSHOT\" (2025-03-16); the 4.0.0 tag is not in the snapshot"},
	{"4.1", "13f70256db3c994c590e5d262a7cc50b9e973204", "commit \"Bump version to 4.1.0\" (2025-08-27), branch 4.1"},
	{"4.2", "a18251bae0b825c69794a50dffd4c3100cf5ca5b", "commit \"Bump version to 4.2.0\" (2026-02-10), branch 4.2"},
	{"4.3", "a9ce3221537b8653448750697915607dc7936cf3", "commit \"Bump version to 4.3.0\" (2026-05-13), branch 4.3"},
}

// client bits, in the order of facts.ClientNames.
const (
	cConsumer = 1 << iota
	cProducer
	cAdmin
	cStreams
	cConnector
	cWorker
	cSink
	cSource
)

// configDef is one Java class whose ConfigDef the catalog reads.
type configDef struct {
	fqcn    string
	clients int
	// skip names methods whose define calls are not part of the class's
	// public ConfigDef (per-plugin enrichment of connector configs).
	skip []string
	// only, when set, restricts reading to these methods.
	only []string
	// since is the first version that has the class.
	since string
}

var configDefs = []configDef{
	{fqcn: "org.apache.kafka.clients.consumer.ConsumerConfig", clients: cConsumer},
	{fqcn: "org.apache.kafka.clients.producer.ProducerConfig", clients: cProducer},
	{fqcn: "org.apache.kafka.clients.admin.AdminClientConfig", clients: cAdmin},
	{fqcn: "org.apache.kafka.streams.StreamsConfig", clients: cStreams},
	{fqcn: "org.apache.kafka.connect.runtime.ConnectorConfig", clients: cConnector | cSink | cSource, skip: []string{"enrich", "enrichedConfigDef", "populateConfigDef"}},
	{fqcn: "org.apache.kafka.connect.runtime.SinkConnectorConfig", clients: cConnector | cSink, skip: []string{"enrich", "enrichedConfigDef"}},
	{fqcn: "org.apache.kafka.connect.runtime.SourceConnectorConfig", clients: cConnector | cSource, skip: []string{"enrich", "enrichedConfigDef", "embedDefaultGroup"}},
	{fqcn: "org.apache.kafka.connect.runtime.WorkerConfig", clients: cWorker},
	{fqcn: "org.apache.kafka.connect.runtime.distributed.DistributedConfig", clients: cWorker},
	{fqcn: "org.apache.kafka.connect.runtime.standalone.StandaloneConfig", clients: cWorker},
	// 3.5+: WorkerConfig.baseConfigDef calls RestServerConfig.addPublicConfig,
	// which also calls addInternalConfig (the REST listener keys moved here).
	{fqcn: "org.apache.kafka.connect.runtime.rest.RestServerConfig", clients: cWorker, only: []string{"addPublicConfig", "addInternalConfig"}, since: "3.5"},
}

var (
	sslSupport  = configDef{fqcn: "org.apache.kafka.common.config.SslConfigs", only: []string{"addClientSslSupport"}}
	saslSupport = configDef{fqcn: "org.apache.kafka.common.config.SaslConfigs", only: []string{"addClientSaslSupport"}}
)

// def is one .define(...) call, evaluated.
type def struct {
	key     facts.Key
	clients int
	source  string
}

var reDefine = regexp.MustCompile(`\.\s*define\s*\(`)

// methodRanges returns the body ranges of the methods named in names.
func methodRanges(src string, names []string) [][2]int {
	var out [][2]int
	for _, n := range names {
		re := regexp.MustCompile(`\b` + n + `\s*\([^()]*\)\s*(?:throws[^{;]*)?\{`)
		for _, loc := range re.FindAllStringIndex(src, -1) {
			// a call such as "enrich(x) {" cannot occur; a declaration is preceded by a type
			end := matchClose(src, loc[1]-1)
			if end > 0 {
				out = append(out, [2]int{loc[0], end})
			}
		}
	}
	return out
}

func inRanges(at int, rs [][2]int) bool {
	for _, r := range rs {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// extractDefs reads the public define calls of one class.
func extractDefs(r *repo, cd configDef, warn func(string, ...any)) (defs []def, ssl, sasl bool, err error) {
	c, err := r.load(cd.fqcn)
	if err != nil {
		return nil, false, false, err
	}
	skip := methodRanges(c.src, cd.skip)
	only := methodRanges(c.src, cd.only)
	usable := func(at int) bool {
		return !inRanges(at, skip) && (cd.only == nil || inRanges(at, only))
	}
	for _, m := range regexp.MustCompile(`\.\s*withClient(Ssl|Sasl)Support\s*\(`).FindAllStringSubmatchIndex(c.src, -1) {
		if usable(m[0]) {
			if c.src[m[2]:m[3]] == "Ssl" {
				ssl = true
			} else {
				sasl = true
			}
		}
	}
	for _, loc := range reDefine.FindAllStringIndex(c.src, -1) {
		if !usable(loc[0]) {
			continue
		}
		end := matchClose(c.src, loc[1]-1)
		if end < 0 {
			return nil, false, false, fmt.Errorf("%s: unbalanced define at %d", c.path, loc[0])
		}
		line := strings.Count(c.src[:loc[0]], "\n") + 1
		toks, err := tokenize(c.src[loc[1] : end-1])
		if err != nil {
			return nil, false, false, fmt.Errorf("%s:%d: %w", c.path, line, err)
		}
		args := splitArgs(toks[:len(toks)-1])
		if len(args) < 4 {
			warn("%s:%d: define with %d arguments skipped", c.path, line, len(args))
			continue
		}
		d, err := evalDefine(r, c, args)
		if err != nil {
			return nil, false, false, fmt.Errorf("%s:%d: %w", c.path, line, err)
		}
		if d == nil {
			warn("%s:%d: define with a computed name skipped", c.path, line)
			continue
		}
		d.clients, d.source = cd.clients, c.path
		defs = append(defs, *d)
	}
	return defs, ssl, sasl, nil
}

var reImportance = regexp.MustCompile(`^(?:ConfigDef\.)?Importance\.(HIGH|MEDIUM|LOW)$`)

func evalDefine(r *repo, c *class, args [][]token) (*def, error) {
	nodes := make([]node, len(args))
	for i, a := range args {
		n, err := parseExpr(a)
		if err != nil {
			if i >= 2 {
				nodes[i] = lambdaNode{} // e.g. an anonymous validator; never evaluated
				continue
			}
			return nil, fmt.Errorf("argument %d: %w", i, err)
		}
		nodes[i] = n
	}
	e := &evaluator{r: r}
	nv, err := e.eval(c, nodes[0])
	if err != nil {
		if _, local := nodes[0].(nameNode); local && strings.Contains(err.Error(), "not found") {
			return nil, nil // a local variable: a per-plugin key
		}
		return nil, fmt.Errorf("key name %s: %w", render(nodes[0]), err)
	}
	name, ok := nv.(string)
	if !ok {
		return nil, fmt.Errorf("key name %s is %T", render(nodes[0]), nv)
	}
	k := facts.Key{Name: name}
	typ := render(nodes[1])
	k.Type = strings.ToLower(typ[strings.LastIndex(typ, ".")+1:])
	imp := -1
	for i := 2; i < len(nodes) && i <= 4; i++ {
		if m := reImportance.FindStringSubmatch(render(nodes[i])); m != nil {
			imp = i
			k.Importance = strings.ToLower(m[1])
			break
		}
	}
	if imp < 0 {
		return nil, fmt.Errorf("%s: no importance argument", name)
	}
	deprecated := e.deprecated
	if imp >= 3 {
		de := &evaluator{r: r}
		v, err := de.eval(c, nodes[2])
		if err != nil {
			return nil, fmt.Errorf("%s: default %s: %w", name, render(nodes[2]), err)
		}
		k.Default, k.HasDefault, err = renderDefault(v)
		if err != nil {
			return nil, fmt.Errorf("%s: default %s: %w", name, render(nodes[2]), err)
		}
	}
	if imp == 4 {
		if err := applyValidator(e, c, nodes[3], &k); err != nil {
			return nil, fmt.Errorf("%s: validator %s: %w", name, render(nodes[3]), err)
		}
	}
	if imp+1 < len(nodes) {
		doc := docText(&evaluator{r: r}, c, nodes[imp+1])
		k.Doc = firstSentence(doc)
		k.Deprecated = deprecation(doc)
	}
	if k.Deprecated == "" && deprecated {
		k.Deprecated = "deprecated: the Java constant is @Deprecated"
		if h, ok := handDeprecations[name]; ok {
			k.Deprecated = h
		}
	}
	return &def{key: k}, nil
}

// renderDefault renders a default as a properties-file value.
func renderDefault(v value) (string, bool, error) {
	switch x := v.(type) {
	case nil, noDefault:
		return "", false, nil
	case listVal:
		s := make([]string, len(x))
		for i, e := range x {
			r, _, err := renderDefault(e)
			if err != nil {
				return "", false, err
			}
			s[i] = r
		}
		return strings.Join(s, ","), true, nil
	case classVal:
		return x.c.binaryName(), true, nil
	case string, bool, intVal, float64:
		return javaString(x), true, nil
	}
	return "", false, fmt.Errorf("cannot render %T", v)
}

func applyValidator(e *evaluator, c *class, n node, k *facts.Key) error {
	switch n := n.(type) {
	case callNode:
		if hv, ok := handValidatorCalls[render(n)]; ok {
			k.Min, k.Max = hv.min, hv.max
			return nil
		}
		recv := ""
		if n.recv != nil {
			recv = render(n.recv)
		}
		recv = strings.TrimPrefix(recv, "ConfigDef.")
		switch {
		case n.name == "in" && (recv == "" || recv == "ValidString" || recv == "CaseInsensitiveValidString" || recv == "ValidList"):
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return err
			}
			for _, a := range flatten(args) {
				if s, ok := a.(string); ok {
					k.Valid = append(k.Valid, s)
				}
			}
			k.CaseInsensitive = recv == "CaseInsensitiveValidString"
			return nil
		case n.name == "atLeast" && (recv == "" || recv == "Range"):
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return err
			}
			f, ok := toFloat(args[0])
			if !ok {
				return fmt.Errorf("atLeast of %T", args[0])
			}
			k.Min = &f
			return nil
		case n.name == "between" && (recv == "" || recv == "Range"):
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return err
			}
			lo, ok1 := toFloat(args[0])
			hi, ok2 := toFloat(args[1])
			if !ok1 || !ok2 {
				return fmt.Errorf("between of %T, %T", args[0], args[1])
			}
			k.Min, k.Max = &lo, &hi
			return nil
		case n.name == "of" && recv == "CompositeValidator":
			for _, a := range n.args {
				if err := applyValidator(e, c, a, k); err != nil {
					return err
				}
			}
			return nil
		}
	case newNode:
		if hv, ok := handValidators[strings.TrimPrefix(n.typ, "ConfigDef.")]; ok {
			v, err := hv.apply(c)
			if err != nil {
				return err
			}
			k.Valid, k.ValidPrefixes, k.CaseInsensitive = v.valid, v.prefixes, v.caseInsensitive
			return nil
		}
	}
	return nil // validators without a fixed value set (NonEmptyString, lambdas, ...)
}

// docText evaluates a doc expression, dropping parts that cannot be
// evaluated (the doc is best-effort prose).
func docText(e *evaluator, c *class, n node) string {
	if b, ok := n.(binaryNode); ok && b.op == "+" {
		return docText(e, c, b.l) + docText(e, c, b.r)
	}
	if call, ok := n.(callNode); ok && call.name == "format" && len(call.args) > 0 {
		return docText(e, c, call.args[0])
	}
	v, err := e.eval(c, n)
	if err != nil {
		return ""
	}
	return javaString(v)
}

var (
	reTag   = regexp.MustCompile(`<[^>]*>`)
	reSpace = regexp.MustCompile(`\s+`)
)

// plain removes HTML tags and entities and collapses white space.
func plain(s string) string {
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	return strings.TrimSpace(reSpace.ReplaceAllString(s, " "))
}

// sentences splits plain text after '.', '!' or '?' followed by a space
// and an upper-case letter, not after common abbreviations.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && (s[i+2] >= 'A' && s[i+2] <= 'Z' || s[i+2] == '"' || s[i+2] == '(') {
			word := s[strings.LastIndexByte(s[:i], ' ')+1 : i+1]
			if slices.Contains([]string{"e.g.", "i.e.", "etc.", "vs.", "approx."}, strings.ToLower(word)) {
				continue
			}
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func firstSentence(doc string) string {
	ss := sentences(plain(doc))
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

var reDeprecated = regexp.MustCompile(`(?i)\bdeprecated\b`)

// deprecation returns the sentence of doc that declares the key deprecated,
// plus the next one when it names the replacement; "" when none does.
// Sentences that only mention deprecated values are ignored.
func deprecation(doc string) string {
	ss := sentences(plain(doc))
	for i, s := range ss {
		if !reDeprecated.MatchString(s) {
			continue
		}
		l := strings.ToLower(s)
		if strings.Contains(l, "option") || strings.Contains(l, "value") {
			continue // a deprecated value, not the key
		}
		if !strings.Contains(l, "this config") && !strings.Contains(l, "this property") &&
			!strings.HasPrefix(l, "deprecated") && !strings.Contains(l, "is deprecated") {
			continue
		}
		out := s
		if !reReplacement.MatchString(s) {
			for _, next := range ss[i+1:] {
				if reReplacement.MatchString(next) {
					out += " " + next
					break
				}
			}
		}
		return out
	}
	return ""
}

var reReplacement = regexp.MustCompile(`(?i)\b(instead|replaced|in favou?r of|removed)\b`)

// extractVersion reads every ConfigDef of one release and merges them.
func extractVersion(r *repo, rel release, warn func(string, ...any)) (*facts.File, error) {
	type entry struct {
		defs []def
	}
	byName := map[string]*entry{}
	var order []string
	add := func(d def) {
		en, ok := byName[d.key.Name]
		if !ok {
			en = &entry{}
			byName[d.key.Name] = en
			order = append(order, d.key.Name)
		}
		en.defs = append(en.defs, d)
	}
	sslDefs, _, _, err := extractDefs(r, sslSupport, warn)
	if err != nil {
		return nil, err
	}
	saslDefs, _, _, err := extractDefs(r, saslSupport, warn)
	if err != nil {
		return nil, err
	}
	for _, cd := range configDefs {
		if cd.since != "" && facts.CompareVersions(rel.version, cd.since) < 0 {
			continue
		}
		defs, ssl, sasl, err := extractDefs(r, cd, warn)
		if err != nil {
			return nil, err
		}
		for _, d := range defs {
			add(d)
		}
		for _, on := range []struct {
			yes  bool
			defs []def
		}{{ssl, sslDefs}, {sasl, saslDefs}} {
			if !on.yes {
				continue
			}
			for _, d := range on.defs {
				d.clients = cd.clients
				add(d)
			}
		}
	}
	f := &facts.File{Version: rel.version, Commit: rel.commit, Ref: rel.ref}
	for _, name := range order {
		f.Keys = append(f.Keys, merge(byName[name].defs, warn, rel.version))
	}
	slices.SortFunc(f.Keys, func(a, b facts.Key) int { return strings.Compare(a.Name, b.Name) })
	return f, nil
}

// merge joins the definitions of one key name by several classes. The
// definition of the first class in configDefs order wins (consumer, then
// producer, admin, streams, connect); differing types or defaults of the
// others are kept as variants.
func merge(defs []def, warn func(string, ...any), version string) facts.Key {
	slices.SortStableFunc(defs, func(a, b def) int { return rank(a.clients) - rank(b.clients) })
	k := defs[0].key
	clients := 0
	var sources []string
	for _, d := range defs {
		clients |= d.clients
		if !slices.Contains(sources, d.source) {
			sources = append(sources, d.source)
		}
		if k.Deprecated == "" && d.key.Deprecated != "" && d.clients&(cConsumer|cProducer|cAdmin) != 0 {
			k.Deprecated = d.key.Deprecated
		}
		if d.key.Type != k.Type || d.key.Default != k.Default || d.key.HasDefault != k.HasDefault || d.key.Deprecated != k.Deprecated {
			merged := false
			for i, v := range k.Variants {
				if v.Type == d.key.Type && v.Default == d.key.Default && v.HasDefault == d.key.HasDefault && v.Deprecated == d.key.Deprecated {
					k.Variants[i].Clients = clientNames(bits(v.Clients) | d.clients)
					merged = true
				}
			}
			if !merged {
				k.Variants = append(k.Variants, facts.Variant{Clients: clientNames(d.clients), Type: d.key.Type, Default: d.key.Default, HasDefault: d.key.HasDefault, Deprecated: d.key.Deprecated})
			}
		}
	}
	k.Clients = clientNames(clients)
	k.Sources = sources
	k.Sensitive = k.Type == "password" || k.Name == "sasl.jaas.config"
	return k
}

func rank(clients int) int {
	for i := 0; i < 8; i++ {
		if clients&(1<<i) != 0 {
			return i
		}
	}
	return 8
}

func clientNames(bits int) []string {
	var out []string
	for i, n := range facts.ClientNames {
		if bits&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func bits(names []string) int {
	b := 0
	for _, n := range names {
		b |= 1 << slices.Index(facts.ClientNames, n)
	}
	return b
}

var _ = strconv.Itoa
