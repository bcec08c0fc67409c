package analyzer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Options configure Lint.
type Options struct {
	// Rules are the rules to run (package rules' All()).
	Rules []*Rule
	// Meta are the rules the engine itself reports under.
	Meta Meta
	// Settings resolves the settings of a file; nil means defaults. Its
	// error (a bad .kafkalint.toml) is reported once and the file skipped.
	Settings func(path string) (FileSettings, error)
	// Include are the file name patterns picked up when walking a
	// directory (load.DefaultInclude when empty).
	Include []string
	// Jobs bounds the files linted at once; 0 means GOMAXPROCS.
	Jobs int
}

// Meta names the rules under which the engine reports about suppressions
// and files; a nil rule turns that report off.
type Meta struct {
	// UnusedSuppression: an ignore directive that suppressed nothing.
	UnusedSuppression *Rule
	// BadSuppression: a directive without a reason, naming no or an
	// unknown rule, or hidden inside a .properties value.
	BadSuppression *Rule
	// NotKafka: a file named on the command line that holds no Kafka key.
	NotKafka *Rule
	// Unsupported: a Kafka configuration in a dialect kafkalint does not
	// lint yet (YAML, JSON, librdkafka properties).
	Unsupported *Rule
}

// Result is the outcome of Lint.
type Result struct {
	// Findings are the reported findings, sorted with Compare.
	Findings []Finding
	// Suppressed are the findings an ignore directive suppressed, sorted.
	Suppressed []Finding
	// Errors are input errors, each naming its file (and line where there
	// is one); *load.PosError where the position is known.
	Errors []error
	// Files are the linted files, in path order.
	Files []*File
	// Skipped counts files found by walking a directory that hold no Kafka
	// configuration key and were skipped without a word.
	Skipped int
}

// Lint loads the files under paths, runs the rules and returns sorted
// findings. It never panics on bad input: a file that cannot be read or
// parsed is an entry in Result.Errors and the other files are still linted.
func Lint(ctx context.Context, paths []string, opts Options) Result {
	targets, errs := load.Walk(paths, opts.Include)
	res := Result{Errors: errs}
	files := make([]*File, len(targets))
	ferrs := make([]error, len(targets))
	perFile := make([][]Finding, len(targets))
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, jobs)
	for i, t := range targets {
		if ctx.Err() != nil {
			ferrs[i] = ctx.Err()
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			// Load and run the PerFile rules in one go, while the file is
			// in this core's cache.
			files[i], ferrs[i] = prepare(t, opts)
			if files[i] != nil {
				files[i].runPerFile(opts, func(x Finding) { perFile[i] = append(perFile[i], x) })
			}
		}()
	}
	wg.Wait()
	seenErr := map[string]bool{}
	var kept []*File
	var keptFindings [][]Finding
	for i, f := range files {
		if err := ferrs[i]; err != nil {
			if !seenErr[err.Error()] {
				seenErr[err.Error()] = true
				res.Errors = append(res.Errors, err)
			}
			continue
		}
		if f == nil {
			res.Skipped++
			continue
		}
		kept = append(kept, f)
		keptFindings = append(keptFindings, perFile[i])
	}
	res.Files = kept
	res.Findings, res.Suppressed = finish(kept, keptFindings, opts)
	slices.SortFunc(res.Files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	return res
}

// errNoSettings wraps a settings resolution error.
var errNoSettings = errors.New("settings")

// prepare loads one target. It returns a nil *File and no error for a file
// found by walking that holds no Kafka key.
func prepare(t load.Target, opts Options) (*File, error) {
	var s FileSettings
	if opts.Settings != nil {
		var err error
		if s, err = opts.Settings(t.Path); err != nil {
			return nil, fmt.Errorf("%w: %w", errNoSettings, err)
		}
	}
	if what := unsupportedExt[strings.ToLower(filepath.Ext(t.Path))]; what != "" {
		f := newFile(&load.File{Path: t.Path}, s, t.Named)
		f.unsupported = what + " files are not linted yet, so kafkalint did not check this one"
		return f, nil
	}
	lf, err := load.ReadFile(t.Path, load.Properties)
	if err != nil {
		return nil, err
	}
	f := newFile(lf, s, t.Named)
	if s.Role == 0 {
		if what, rdk := f.foreignDialect(); what != "" {
			f.unsupported, f.anyDialect = what, rdk
			f.parseDirectives()
			return f, nil
		}
	}
	if s.Role == 0 && !f.hasKafkaKey() {
		if !t.Named {
			return nil, nil
		}
		f.notKafka = true
	}
	f.parseDirectives()
	return f, nil
}

// unsupportedExt maps file extensions kafkalint cannot lint yet to what to
// call them.
var unsupportedExt = map[string]string{
	".yml": "YAML", ".yaml": "YAML", ".json": "JSON", ".toml": "TOML", ".hocon": "HOCON", ".xml": "XML",
}

// foreignDialect reports a .properties-syntax file that is not a Java
// client configuration, and whether rules marked AnyDialect still apply:
//   - an INI file with [section] headers (confluent-kafka's
//     getting_started.ini);
//   - a Spring Boot or Quarkus application.properties (spring.kafka.*,
//     kafka.*, mp.messaging.* keys), whose keys are mapped onto client keys
//     by the framework;
//   - a librdkafka configuration (kcat, confluent-kafka clients): a key only
//     librdkafka defines (sasl.username, enable.partition.eof), or, in a file
//     not named *.properties, librdkafka aliases of old Java names
//     (request.required.acks) without any key of the Scala clients they
//     came from (serializer.class, zookeeper.connect).
//
// It returns "" for a Java client configuration.
func (f *File) foreignDialect() (what string, anyDialect bool) {
	var rdk, aliases, framework []string
	scala, java := false, false
	for _, v := range f.vals {
		if v.Spec != nil {
			java = true // a Java client key: no other dialect's marker
			continue
		}
		k, e := v.Key, v.Entry
		switch {
		case strings.HasPrefix(k, "[") && strings.HasSuffix(strings.TrimSpace(k+e.Value), "]"):
			return fmt.Sprintf("this is an INI file with sections (%s at line %d), as confluent-kafka's getting_started.ini; INI files are not linted yet", strings.TrimSpace(k+e.Value), e.KeyPos.Line), false
		case strings.HasPrefix(k, "spring.kafka.") || strings.HasPrefix(k, "spring.cloud.stream.kafka.") ||
			strings.HasPrefix(k, "mp.messaging.") || strings.HasPrefix(k, "quarkus.kafka") || strings.HasPrefix(k, "kafka.") && f.Catalog != nil && f.isKey(strings.TrimPrefix(k, "kafka.")):
			framework = appendUnique(framework, k)
		case catalog.LibrdkafkaOnly(k):
			rdk = appendUnique(rdk, k)
		case catalog.LibrdkafkaKnows(k):
			aliases = appendUnique(aliases, k)
		default:
			if _, removed := f.Catalog.Removed(k); removed {
				scala = true
			}
		}
	}
	short := func(keys []string) string {
		if len(keys) > 3 {
			keys = append(keys[:3:3], "…")
		}
		return strings.Join(keys, ", ")
	}
	switch {
	case len(framework) > 0:
		return fmt.Sprintf("this is a Spring Boot or Quarkus application configuration (%s); the framework maps these keys onto Kafka client keys, and that dialect is not linted yet beyond the secrets and TLS rules", short(framework)), true
	case len(rdk) > 0:
		return fmt.Sprintf("this is a librdkafka configuration (%s: properties the Java client does not know); the librdkafka dialect is not linted yet beyond the secrets and TLS rules", short(rdk)), true
	case len(aliases) > 0 && !scala && !java && !strings.HasSuffix(f.Path, ".properties"):
		return fmt.Sprintf("this looks like a librdkafka configuration (%s are librdkafka names; the Java client dropped them in Kafka 2.0); the librdkafka dialect is not linted yet beyond the secrets and TLS rules", short(aliases)), true
	}
	return "", false
}

func (f *File) isKey(name string) bool {
	_, ok := f.Catalog.Lookup(name)
	return ok
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// hasKafkaKey reports whether any key of f is one the catalog knows, or a
// known client key under a Connect or Streams client prefix.
func (f *File) hasKafkaKey() bool {
	for _, v := range f.vals {
		if v.Spec != nil {
			return true
		}
	}
	for _, e := range f.Entries {
		if _, ok := f.Catalog.Removed(e.Key); ok {
			return true // a key of an older client (zookeeper.connect): KL405 explains it
		}
		if _, rest, ok := strings.Cut(e.Key, "."); ok {
			if _, ok := f.Catalog.Lookup(rest); ok && clientPrefixes[e.Key[:len(e.Key)-len(rest)]] {
				return true
			}
		}
	}
	return false
}

// clientPrefixes are the prefixes under which Kafka Streams and Kafka
// Connect pass settings to their embedded clients (StreamsConfig
// CONSUMER_PREFIX, PRODUCER_PREFIX, ADMIN_CLIENT_PREFIX; Connect workers'
// consumer., producer., admin.).
var clientPrefixes = map[string]bool{"consumer.": true, "producer.": true, "admin.": true}

// Run runs the rules over already loaded files and returns the reported
// and the suppressed findings, both sorted.
func Run(files []*File, opts Options) (findings, suppressed []Finding) {
	// Each file's findings go to its own slice, so the workers share no
	// lock; they are joined in file order afterwards.
	perFile := make([][]Finding, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f.runPerFile(opts, func(x Finding) { perFile[i] = append(perFile[i], x) })
		}()
	}
	wg.Wait()
	return finish(files, perFile, opts)
}

// finish runs the PerGroup and PerProject rules, resolves severities and
// suppressions of all findings (perFile[i] holds files[i]'s PerFile
// findings) and sorts them.
func finish(files []*File, perFile [][]Finding, opts Options) (findings, suppressed []Finding) {
	byPath := make(map[string]*File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	n := 0
	for _, fs := range perFile {
		n += len(fs)
	}
	all := make([]Finding, 0, n)
	for _, fs := range perFile {
		all = append(all, fs...)
	}
	report := func(x Finding) { all = append(all, x) }
	groups := consumerGroups(files)
	// Groups are independent: their checks only read the files, so they
	// run in parallel, each group's findings in a slice of its own.
	perGroup := make([][]Finding, len(groups))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for gi, group := range groups {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p := &Pass{Group: group, report: func(x Finding) { perGroup[gi] = append(perGroup[gi], x) }}
			for _, r := range opts.Rules {
				if r.Scope != PerGroup {
					continue
				}
				for _, f := range group {
					if f.enabled(r) && r.AppliesTo(f.Role) {
						p.Rule, p.File = r, f
						runCheck(p)
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, fs := range perGroup {
		all = append(all, fs...)
	}
	for _, r := range opts.Rules {
		if r.Scope == PerProject {
			runCheck(&Pass{Rule: r, Files: kafkaFiles(files), report: report})
		}
	}
	findings = make([]Finding, 0, len(all))
	for _, x := range all {
		f := byPath[x.Path]
		if f != nil && !f.enabled(x.Rule) {
			continue // a PerProject rule reporting on a file that disables it
		}
		if f != nil {
			x.Severity = f.severity(x)
		} else if x.Severity == 0 {
			x.Severity = x.Rule.Severity
		}
		if f != nil && f.suppress(&x) {
			suppressed = append(suppressed, x)
			continue
		}
		findings = append(findings, x)
	}
	for _, f := range files {
		findings = append(findings, f.directiveFindings(opts)...)
	}
	Sort(findings)
	Sort(suppressed)
	return findings, suppressed
}

// consumerGroups returns the consumer groups among files, in file order. A
// group is a group.id on one cluster: consumer files with the same
// group.id whose bootstrap.servers share a host:port (dev and prod files
// with the same group name are two groups), or that both leave
// bootstrap.servers unset.
func consumerGroups(files []*File) [][]*File {
	type cluster struct {
		hosts   map[string]bool
		members []*File
	}
	byID := map[string][]*cluster{}
	var ids []string
	for _, f := range files {
		id := f.GroupID()
		if f.notKafka || f.unsupported != "" || id == "" || !f.Role.Has(Consumer) {
			continue
		}
		if _, ok := byID[id]; !ok {
			ids = append(ids, id)
		}
		hosts := f.bootstrapHosts()
		merged := &cluster{hosts: hosts, members: []*File{f}}
		var keep []*cluster
		for _, c := range byID[id] {
			if overlap(c.hosts, hosts) {
				for h := range c.hosts {
					merged.hosts[h] = true
				}
				merged.members = append(c.members, merged.members...)
				continue
			}
			keep = append(keep, c)
		}
		byID[id] = append(keep, merged)
	}
	var out [][]*File
	for _, id := range ids {
		for _, c := range byID[id] {
			out = append(out, c.members)
		}
	}
	return out
}

// bootstrapHosts returns the file's bootstrap.servers as a set of
// lower-case host:port.
func (f *File) bootstrapHosts() map[string]bool {
	hosts := map[string]bool{}
	for _, s := range f.Effective("bootstrap.servers").List {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			hosts[s] = true
		}
	}
	return hosts
}

// overlap reports whether two host sets share a host, or are both empty.
func overlap(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	for h := range a {
		if b[h] {
			return true
		}
	}
	return false
}

// runPerFile runs the PerFile rules on f, or reports why f is not linted.
func (f *File) runPerFile(opts Options, report func(Finding)) {
	switch {
	case f.unsupported != "":
		if opts.Meta.Unsupported != nil && f.enabled(opts.Meta.Unsupported) {
			(&Pass{Rule: opts.Meta.Unsupported, File: f, report: report}).Report(Finding{
				Pos:     load.Pos{Line: 1, Col: 1},
				Message: f.unsupported,
				Fix:     "Lint the Java client configurations for now; to lint this file as a Java client configuration anyway, set its role in .kafkalint.toml.",
			})
		}
		if f.anyDialect {
			p := &Pass{File: f, report: report}
			for _, r := range opts.Rules {
				if r.Scope == PerFile && r.AnyDialect && f.enabled(r) {
					p.Rule = r
					runCheck(p)
				}
			}
		}
	case f.notKafka:
		if opts.Meta.NotKafka != nil && f.enabled(opts.Meta.NotKafka) {
			(&Pass{Rule: opts.Meta.NotKafka, File: f, report: report}).Report(Finding{
				Pos:     load.Pos{Line: 1, Col: 1},
				Message: "no key in this file is a Kafka client configuration key, so it was not linted as one",
				Fix:     "Set the file's role in .kafkalint.toml ([[files]] with glob and role) if it is a Kafka client configuration, or leave it out of the paths given to kafkalint.",
			})
		}
	default:
		// One Pass serves every rule in turn: rules must not keep it.
		p := &Pass{File: f, report: report}
		for _, r := range opts.Rules {
			if r.Scope == PerFile && f.enabled(r) && r.AppliesTo(f.Role) {
				p.Rule = r
				runCheck(p)
			}
		}
	}
}

// runCheck runs a rule's Check. A failing Check (a kafkalint bug, never a
// finding) is reported as a finding of that rule at the file's first line,
// so one broken rule cannot hide the others.
func runCheck(p *Pass) {
	if err := p.Rule.Check(p); err != nil {
		f := Finding{Pos: load.Pos{Line: 1, Col: 1}, Severity: Error, Message: "internal error in this rule: " + err.Error()}
		p.Report(f)
	}
}

func (f *File) enabled(r *Rule) bool {
	named := func(list []string) bool {
		return slices.Contains(list, r.ID) || slices.Contains(list, r.Name)
	}
	if named(f.Settings.Enabled) {
		return true
	}
	return !named(f.Settings.Disabled)
}

func (f *File) severity(x Finding) Severity {
	if s, ok := f.Settings.Severity[x.Rule.ID]; ok {
		return s
	}
	if s, ok := f.Settings.Severity[x.Rule.Name]; ok {
		return s
	}
	if x.Severity != 0 {
		return x.Severity
	}
	return x.Rule.Severity
}

func (f *File) suppress(x *Finding) bool {
	hit := false
	for i := range f.directives {
		if f.directives[i].suppresses(x) {
			hit = true
		}
	}
	return hit
}

// directiveFindings reports malformed and unused directives of f, and
// suppression comments hidden inside .properties values.
func (f *File) directiveFindings(opts Options) []Finding {
	var out []Finding
	known := func(name string) *Rule {
		for _, r := range opts.Rules {
			if strings.EqualFold(r.ID, name) || r.Name == name {
				return r
			}
		}
		for _, r := range []*Rule{opts.Meta.UnusedSuppression, opts.Meta.BadSuppression, opts.Meta.NotKafka, opts.Meta.Unsupported} {
			if r != nil && (strings.EqualFold(r.ID, name) || r.Name == name) {
				return r
			}
		}
		return nil
	}
	emitSev := func(r *Rule, sev Severity, pos load.Pos, msg, fix string) {
		if r == nil || !f.enabled(r) {
			return
		}
		x := Finding{Rule: r, Path: f.Path, Pos: pos, Message: msg, Fix: fix, Severity: sev}
		x.Severity = f.severity(x)
		out = append(out, x)
	}
	emit := func(r *Rule, pos load.Pos, msg, fix string) { emitSev(r, 0, pos, msg, fix) }
	bad := opts.Meta.BadSuppression
	for _, d := range f.directives {
		if d.err != "" {
			fix := d.fix
			if fix == "" {
				fix = "Write the directive as: # kafkalint:ignore KL401 -- the reason it is safe here."
			}
			emit(bad, d.pos, d.err, fix)
			continue
		}
		if d.kind != ignoreLine && d.kind != ignoreFile {
			continue
		}
		var unknown []string
		applies := false
		for _, name := range d.rules {
			r := known(name)
			if r == nil {
				unknown = append(unknown, name)
			} else if f.enabled(r) {
				applies = true
			}
		}
		if len(unknown) > 0 {
			emit(bad, d.pos, fmt.Sprintf("kafkalint directive names unknown rule %s", strings.Join(unknown, ", ")), "Name a rule from `kafkalint rules` by its ID (KL401) or name (unknown-key).")
			continue
		}
		if !d.used && applies {
			what := "the next key line"
			if d.kind == ignoreFile {
				what = "this file"
			}
			emit(opts.Meta.UnusedSuppression, d.pos, fmt.Sprintf("ignore directive for %s suppresses nothing on %s", strings.Join(d.rules, ", "), what), "Remove the directive, or move it to the line above the key it is meant for.")
		}
	}
	if f.Dialect == load.Properties {
		for _, e := range f.Entries {
			if i := strings.Index(e.Value, "kafkalint:"); i >= 0 && strings.Contains(e.Value[:i], "#") {
				// An error whatever the rule's default: the client reads the
				// directive as part of the value, which it rejects at start-up
				// for a typed key (acks, linger.ms) and uses as is otherwise.
				emitSev(bad, Error, e.ValuePos, fmt.Sprintf("a kafkalint directive after the value of %s is part of the value (java.util.Properties has no end-of-line comments): it suppresses nothing, and the client reads the whole rest of the line as the value, which it rejects at start-up for a typed key", e.Key), "Move the directive to its own line above the key.")
			}
		}
	}
	return out
}

func kafkaFiles(files []*File) []*File {
	var out []*File
	for _, f := range files {
		if !f.notKafka && f.unsupported == "" {
			out = append(out, f)
		}
	}
	return out
}
