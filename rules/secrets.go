package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

var secretRules = []*analyzer.Rule{PlaintextSecret, CleartextCredentials, HostnameVerificationOff}

// PlaintextSecret is KL501.
var PlaintextSecret = &analyzer.Rule{
	ID:         "KL501",
	Name:       "plaintext-secret",
	Severity:   analyzer.Error,
	Scope:      analyzer.PerFile,
	AnyDialect: true,
	Since:      "unreleased",
	Doc: analyzer.Doc{
		Title: "literal password or secret in the configuration",
		Why: "A configuration file is copied into repositories, images, tickets and support bundles. A password written into " +
			"it is readable by everyone who can read any of those copies, for as long as the history exists, and rotating it " +
			"means editing every copy.\n\n" +
			"kafkalint looks for literal values in: the `password`, `*secret*` and `*token` options inside `sasl.jaas.config` " +
			"(PlainLoginModule, ScramLoginModule, OAuth login modules; a Krb5LoginModule `keyTab` is a path, not a secret); " +
			"keys whose name holds password, secret or passphrase (`ssl.keystore.password`, `ssl.key.password`, librdkafka's " +
			"`sasl.password` and `sasl.oauthbearer.client.secret`, connector `connection.password`, `aws.secret.access.key`) " +
			"or ends in token; the private key `ssl.keystore.key`; the secret after the colon of `basic.auth.user.info`; and " +
			"credentials embedded in URLs (`https://user:secret@host`, `;password=` in JDBC URLs). `ssl.truststore.password` " +
			"is a warning only: a truststore holds public certificates, and its password guards their integrity, not a " +
			"secret.\n\n" +
			"Config-provider references (`${file:/path:key}`, `${env:VAR}`, `${vault:…}`) are resolved by the client at run " +
			"time (AbstractConfig with config.providers; EnvVarConfigProvider since Kafka 3.5) and are fine, as are template " +
			"placeholders filled in at deploy time (`${VAR}`, `{{ VAR }}`, `<PASSWORD>`). kafkalint never prints the value " +
			"it found, in any output format.",
		Bad:  "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"orders\" password=\"hunter2\";\n",
		Good: "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nconfig.providers=env\nconfig.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"orders\" password=\"${env:KAFKA_PASSWORD}\";\n",
		Fix:  "Replace the literal with a config-provider reference such as ${file:/etc/kafka/secrets.properties:password} or ${env:KAFKA_PASSWORD}, and rotate the exposed secret.",
		Refs: []string{
			"KIP-297", "KIP-887",
			"clients/src/main/java/org/apache/kafka/common/config/ConfigTransformer.java (DEFAULT_PATTERN)",
			"clients/src/main/java/org/apache/kafka/common/security/JaasConfig.java",
		},
	},
	Check: checkPlaintextSecret,
}

// secretShape says where the secret sits in a value.
type secretShape uint8

const (
	wholeValue     secretShape = iota + 1 // the value is the secret
	jaasOptions                           // sasl.jaas.config: some options are secrets
	userInfo                              // user:secret (basic.auth.user.info)
	urlCredentials                        // a URL that may embed user:secret@ or ;password=
)

// notSecretSuffix are last key segments that name something about a secret
// (where it is, what kind) rather than the secret itself.
var notSecretSuffix = map[string]bool{
	"location": true, "file": true, "path": true, "dir": true, "type": true, "source": true, "class": true,
	"name": true, "id": true, "algorithm": true, "iterations": true, "length": true, "enable": true,
	"enabled": true, "mode": true, "provider": true, "format": true, "size": true, "ms": true, "seconds": true,
	"method": true, "header": true, "prefix": true, "chain": true, "certificates": true,
}

// shapeOf returns where key holds a secret, or 0 when it holds none. Keys
// are matched by suffix so that client prefixes (producer.override.,
// consumer., database.history.producer.) are covered.
func shapeOf(key string) secretShape {
	k := strings.ToLower(key)
	last := k[strings.LastIndexByte(k, '.')+1:]
	switch {
	case strings.HasSuffix(k, "sasl.jaas.config"):
		return jaasOptions
	case strings.HasSuffix(k, "basic.auth.user.info"):
		return userInfo
	case last == "url" || last == "uri" || last == "urls":
		return urlCredentials
	case strings.HasSuffix(k, "ssl.keystore.key"), strings.HasSuffix(k, "ssl.key.pem"):
		return wholeValue // an inline PEM private key (Kafka 2.7+, librdkafka)
	case notSecretSuffix[last]:
		return 0
	case strings.HasSuffix(last, "token"):
		return wholeValue // bearer.auth.token, config.providers.vault.param.token
	}
	if strings.Contains(k, "password") || strings.Contains(k, "secret") || strings.Contains(k, "passphrase") {
		return wholeValue // in any segment of the key
	}
	return 0
}

var (
	// reference matches config-provider references (ConfigTransformer's
	// ${provider:[path:]key}), ${VAR} and $VAR variables, and template
	// placeholders ({{ … }}, <…>, @…@) filled in before the client reads
	// the file.
	reference = regexp.MustCompile(`\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*?\}\}|<[^<>]*>?|@[A-Za-z0-9_.-]+@|%\([A-Za-z0-9_]+\)s`)
	// placeholderWord matches upper-case stand-ins such as PASSWORD or
	// YOUR_API_SECRET.
	// Digits make a word a likely real secret (KAFKAPASS2024), not a
	// stand-in.
	placeholderWord = regexp.MustCompile(`^[A-Z][A-Z_-]*$`)
	// jaasOption matches one key=value option of a JAAS line; JaasConfig's
	// StreamTokenizer accepts "…", '…' and bare words as values.
	jaasOption = regexp.MustCompile(`([A-Za-z_$][A-Za-z0-9_.$-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s;]+)`)
	// urlUserInfo and urlPassword find credentials embedded in a URL.
	urlUserInfo = regexp.MustCompile(`://[^/@\s:]+:([^/@\s]+)@`)
	urlPassword = regexp.MustCompile(`(?i)[;?&](?:password|pwd|secret)=([^;&]*)`)
)

// literal reports whether a secret value is written out rather than
// referenced or left as a placeholder.
func literal(s string) bool {
	s = strings.TrimSpace(reference.ReplaceAllString(s, ""))
	if s == "" || strings.Trim(s, "*xX.?-") == "" {
		return false
	}
	if placeholderWord.MatchString(s) {
		for _, w := range []string{"PASSWORD", "SECRET", "TOKEN", "KEY", "YOUR", "CHANGE", "API", "PASS"} {
			if strings.Contains(s, w) {
				return false
			}
		}
	}
	return true
}

// jaasSecretOption reports whether a JAAS option name carries a secret:
// password (PlainLoginModule, ScramLoginModule), clientSecret and the like
// (OAuth login modules), and …token options (Strimzi oauth.access.token,
// oauth.refresh.token). tokenauth (ScramLoginModule) is a boolean.
func jaasSecretOption(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "secret") || strings.HasSuffix(n, "token") || strings.Contains(n, "passphrase")
}

func checkPlaintextSecret(p *analyzer.Pass) error {
	f := p.File
	for i := range f.Entries {
		// Every occurrence counts: an overridden line still exposes its
		// secret to whoever reads the file.
		e := &f.Entries[i]
		raw := strings.TrimSpace(e.Value)
		v := analyzer.Value{Key: e.Key, Raw: raw}
		shape, intended := shapeOf(e.Key), e.Key
		if shape == 0 {
			// A misspelled secret key (ssl.keystore.pasword) is ignored by
			// the client but still holds the secret: judge it by the key it
			// most likely means.
			if _, known := f.Catalog.Lookup(e.Key); !known && secretish(e.Key) {
				if near, ok := f.Catalog.Nearest(e.Key, 0); ok {
					shape, intended = shapeOf(near), near
				}
			}
		}
		what := ""
		switch shape {
		case wholeValue:
			if literal(v.Raw) {
				what = "a literal secret"
			}
		case userInfo:
			if _, secret, ok := strings.Cut(reference.ReplaceAllString(v.Raw, "ref"), ":"); ok && literal(strings.ReplaceAll(secret, "ref", "")) {
				what = "a literal secret after the colon"
			}
		case jaasOptions:
			if literal(v.Raw) {
				var names []string
				for _, m := range jaasOption.FindAllStringSubmatch(v.Raw, -1) {
					if jaasSecretOption(m[1]) && literal(strings.Trim(m[2], `"'`)) {
						names = append(names, m[1])
					}
				}
				if len(names) > 0 {
					what = fmt.Sprintf("a literal %s option", strings.Join(names, " and "))
				}
			}
		case urlCredentials:
			for _, rx := range []*regexp.Regexp{urlUserInfo, urlPassword} {
				if m := rx.FindStringSubmatch(v.Raw); m != nil && literal(m[1]) {
					what = "a password embedded in the URL"
				}
			}
		}
		if what == "" {
			continue
		}
		x := analyzer.Finding{Pos: e.ValuePos, End: e.ValueEnd, Key: e.Key,
			Message: fmt.Sprintf("%s holds %s: the credential is exposed to everyone who can read this file or any copy of it (repositories, images, support bundles)", e.Key, what),
			Fix:     fmt.Sprintf("Replace the literal with a reference resolved at run time, such as ${file:/etc/kafka/secrets.properties:%s} with config.providers=file (Java clients) or your platform's secret injection, and rotate the exposed secret.", secretRefKey(intended))}
		if k := strings.ToLower(e.Key); strings.Contains(k, "truststore") && strings.Contains(k, "password") ||
			strings.Contains(k, "trust-store-password") || strings.Contains(k, "truststorepassword") {
			x.Severity = analyzer.Warning
			x.Message = fmt.Sprintf("%s holds a literal password: it only guards the integrity of public CA certificates, but the same password often opens the keystore too", e.Key)
		}
		p.Report(x)
	}
	return nil
}

// secretish reports whether a key's name has a fragment that a misspelled
// secret key keeps (pasword, secert, jass), so that only such keys pay for
// a nearest-key search.
func secretish(key string) bool {
	k := strings.ToLower(key)
	for _, frag := range []string{"pas", "pwd", "sec", "cret", "jaa", "jas", "sasl", "auth", "tok", "cred"} {
		if strings.Contains(k, frag) {
			return true
		}
	}
	return false
}

// secretRefKey names the key a secrets file would hold for key.
func secretRefKey(key string) string {
	if strings.HasSuffix(strings.ToLower(key), "sasl.jaas.config") {
		return "password"
	}
	return key
}

// CleartextCredentials is KL502.
var CleartextCredentials = &analyzer.Rule{
	ID:         "KL502",
	Name:       "cleartext-credentials",
	Severity:   analyzer.Warning,
	Scope:      analyzer.PerFile,
	AnyDialect: true,
	Since:      "unreleased",
	Doc: analyzer.Doc{
		Title: "credentials sent without TLS, or sasl.* settings ignored",
		Why: "`security.protocol=SASL_PLAINTEXT` authenticates but does not encrypt. With `sasl.mechanism=PLAIN` the username " +
			"and password cross the network in clear text on every connection; with OAUTHBEARER the bearer token does and " +
			"can be replayed until it expires. SCRAM never sends the password, but Kafka's security documentation requires " +
			"TLS with it so the exchange cannot be captured for an offline dictionary attack. Every record travels " +
			"unencrypted in all three cases.\n\n" +
			"Under `security.protocol=PLAINTEXT` (the default) or `SSL` the client builds no SASL authenticator at all " +
			"(ChannelBuilders): `sasl.mechanism`, `sasl.jaas.config` and every other `sasl.*` setting are ignored, the client " +
			"connects without a SASL identity, and a SASL listener drops the connection. The author believed the client " +
			"authenticates.",
		Bad:  "bootstrap.servers=kafka-1:9092\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=${file:/etc/kafka/jaas.properties:sasl.jaas.config}\n",
		Good: "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=${file:/etc/kafka/jaas.properties:sasl.jaas.config}\n",
		Fix:  "Use security.protocol=SASL_SSL so credentials and records are encrypted, and set it wherever sasl.* settings are meant to apply.",
		Refs: []string{
			"docs/security.html (SASL/PLAIN, SASL/SCRAM: use with TLS)",
			"clients/src/main/java/org/apache/kafka/common/network/ChannelBuilders.java",
		},
	},
	Check: checkCleartextCredentials,
}

// cleartextHarm says what SASL_PLAINTEXT exposes for a mechanism; "" for
// mechanisms that send no reusable credential (GSSAPI).
var cleartextHarm = map[string]string{
	"PLAIN":         "the username and password cross the network in clear text on every connection, and so does every record",
	"SCRAM-SHA-256": "SCRAM does not send the password, but the exchange can be captured for an offline dictionary attack, and every record travels unencrypted",
	"SCRAM-SHA-512": "SCRAM does not send the password, but the exchange can be captured for an offline dictionary attack, and every record travels unencrypted",
	"OAUTHBEARER":   "the bearer token crosses the network in clear text and can be replayed until it expires, and every record travels unencrypted",
}

func checkCleartextCredentials(p *analyzer.Pass) error {
	f := p.File
	proto := f.Effective("security.protocol")
	mech := f.Effective("sasl.mechanism")
	if v, ok := f.Explicit("sasl.mechanisms"); ok { // librdkafka's name
		mech = v
	}
	protocol := strings.ToUpper(proto.Raw)
	switch protocol {
	case "SASL_PLAINTEXT":
		harm := cleartextHarm[strings.ToUpper(mech.Raw)]
		if harm == "" {
			return nil
		}
		p.Report(analyzer.Finding{Pos: proto.ValuePos(), End: proto.Entry.ValueEnd, Key: proto.Key,
			Message: fmt.Sprintf("security.protocol=%s with %s=%s%s: %s", proto.Raw, mech.Key, mech.Raw, defaultedKeys(mech), harm),
			Fix:     "Set security.protocol=SASL_SSL, with a truststore for the brokers' CA, so credentials and records are encrypted in transit."})
	case "PLAINTEXT", "SSL":
		var keys []string
		var first load.Pos
		var rel []analyzer.Related
		for _, e := range f.Unique() {
			if !strings.HasPrefix(e.Key, "sasl.") {
				continue
			}
			if _, known := f.Catalog.Lookup(e.Key); !known && !catalog.LibrdkafkaKnows(e.Key) {
				continue // a misspelled key is KL401's finding, not a setting the protocol ignores
			}
			if len(keys) == 0 {
				first = e.KeyPos
			}
			keys = append(keys, e.Key)
			rel = append(rel, analyzer.Related{Path: f.Path, Pos: e.KeyPos, Message: e.Key + " is ignored"})
		}
		if len(keys) == 0 {
			return nil
		}
		x := analyzer.Finding{Key: proto.Key, Related: rel,
			Fix: "Set security.protocol=SASL_SSL if the cluster expects SASL authentication, or remove the sasl.* settings."}
		state := fmt.Sprintf("security.protocol=%s", proto.Raw)
		if proto.Source == analyzer.Explicit {
			x.Pos, x.End = proto.ValuePos(), proto.Entry.ValueEnd
		} else {
			x.Pos, x.Key = first, keys[0]
			state = fmt.Sprintf("security.protocol is not set and defaults to %s", proto.Raw)
		}
		consequence := "the client connects without authenticating, and a SASL listener drops the connection"
		if protocol == "SSL" {
			consequence = "the client authenticates with its TLS certificate at most, and a SASL listener drops the connection"
		}
		x.Message = fmt.Sprintf("%s, so the client ignores %s: %s", state, plainList(keys), consequence)
		p.Report(x)
	}
	return nil
}

// plainList joins up to three names, then says how many more.
func plainList(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more sasl.* settings", strings.Join(names[:3], ", "), len(names)-3)
}

// HostnameVerificationOff is KL503.
var HostnameVerificationOff = &analyzer.Rule{
	ID:         "KL503",
	Name:       "hostname-verification-off",
	Severity:   analyzer.Warning,
	Scope:      analyzer.PerFile,
	AnyDialect: true,
	Since:      "unreleased",
	Doc: analyzer.Doc{
		Title: "broker host name not verified over TLS",
		Why: "`ssl.endpoint.identification.algorithm=https` (the default since Kafka 2.0, KIP-294; librdkafka since 2.0.0) " +
			"makes the client check that the broker's certificate was issued for the host it connected to. Set to an empty " +
			"string (or `none` in librdkafka) the check is off: any certificate signed by a trusted CA, for any host, is " +
			"accepted, so whoever can redirect traffic (DNS, a proxy, a compromised host with a certificate from the same " +
			"internal CA) can impersonate the brokers and read the credentials and records. librdkafka's " +
			"`enable.ssl.certificate.verification=false` is worse: no certificate is checked at all. The rule reports them " +
			"only where TLS is in use (security.protocol SSL or SASL_SSL).",
		Bad:  "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SSL\nssl.truststore.location=/etc/kafka/truststore.jks\nssl.endpoint.identification.algorithm=\n",
		Good: "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SSL\nssl.truststore.location=/etc/kafka/truststore.jks\n",
		Fix:  "Remove the setting so the default https verification applies, and give the brokers certificates whose subject alternative names list their advertised host names.",
		Refs: []string{"KIP-294", "docs/security.html (host name verification)", "librdkafka CONFIGURATION.md"},
	},
	Check: checkHostnameVerification,
}

func checkHostnameVerification(p *analyzer.Pass) error {
	f := p.File
	switch strings.ToUpper(f.Effective("security.protocol").Raw) {
	case "SSL", "SASL_SSL":
	default:
		return nil
	}
	fix := "Remove the setting so the default https host name verification applies, and give the brokers certificates whose subject alternative names list their advertised host names."
	if v, ok := f.Explicit("ssl.endpoint.identification.algorithm"); ok && (v.Raw == "" || strings.EqualFold(v.Raw, "none")) {
		shown := " is empty"
		if v.Raw != "" {
			shown = "=" + v.Raw + " (librdkafka's spelling of off)"
		}
		p.Report(analyzer.Finding{Pos: v.Pos(), End: v.Entry.KeyEnd, Key: v.Key, Fix: fix,
			Message: fmt.Sprintf("ssl.endpoint.identification.algorithm%s: the client accepts a trusted certificate issued for any host, so whoever can redirect its traffic can impersonate the brokers and read credentials and records", shown)})
	}
	if v, ok := f.Explicit("enable.ssl.certificate.verification"); ok && strings.EqualFold(v.Raw, "false") {
		p.Report(analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key,
			Fix:     "Remove enable.ssl.certificate.verification=false and point ssl.ca.location at the CA that signed the brokers' certificates.",
			Message: "enable.ssl.certificate.verification=false: librdkafka accepts any broker certificate, so anyone on the network path can impersonate the brokers and read credentials and records"})
	}
	return nil
}
