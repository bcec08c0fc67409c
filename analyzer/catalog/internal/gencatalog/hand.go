package main

// Hand-written facts for the few expressions and validators that the
// static reader cannot evaluate. Each entry cites the Kafka source file
// that it summarises; keep this table small.

// handValidator is the value set of a validator class.
type handValidator struct {
	valid           []string
	prefixes        []string
	caseInsensitive bool
	min, max        *float64
	source          string // apache/kafka file the values are read from
}

func f(v float64) *float64 { return &v }

func (h handValidator) apply(*class) (handValidator, error) { return h, nil }

// handValidators maps "new X.Validator()" types to their accepted values.
var handValidators = map[string]handValidator{
	// fromString accepts exactly Utils.enumOptions(StrategyType) except the
	// bare "by_duration", plus "by_duration:<ISO-8601 duration>" (KIP-1106).
	// Case-sensitive.
	"AutoOffsetResetStrategy.Validator": {
		valid:    []string{"latest", "earliest", "none"},
		prefixes: []string{"by_duration:"},
		source:   "clients/src/main/java/org/apache/kafka/clients/consumer/internals/AutoOffsetResetStrategy.java",
	},
	// fromString accepts Utils.enumOptions(AcknowledgementMode): the
	// lower-cased constants IMPLICIT, EXPLICIT. Case-sensitive.
	"ShareAcknowledgementMode.Validator": {
		valid:  []string{"implicit", "explicit"},
		source: "clients/src/main/java/org/apache/kafka/clients/consumer/internals/ShareAcknowledgementMode.java",
	},
	// forName accepts the enum's names batch_optimized, record_limit.
	"ShareAcquireMode.Validator": {
		valid:  []string{"batch_optimized", "record_limit"},
		source: "clients/src/main/java/org/apache/kafka/clients/consumer/internals/ShareAcquireMode.java",
	},
}

// handValidatorCalls maps validator expressions (render form) to their
// bounds.
var handValidatorCalls = map[string]handValidator{
	// GZIP accepts Deflater.BEST_SPEED..BEST_COMPRESSION (1..9) or
	// DEFAULT_COMPRESSION (-1): not a single range, so no bounds.
	"CompressionType.GZIP.levelValidator()": {source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
	// LZ4: between(MIN_LEVEL 1, MAX_LEVEL 17).
	"CompressionType.LZ4.levelValidator()": {min: f(1), max: f(17), source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
	// ZSTD: between(MIN_LEVEL -131072, MAX_LEVEL 22).
	"CompressionType.ZSTD.levelValidator()": {min: f(-131072), max: f(22), source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
}

// handExpr is the value of an expression the reader cannot evaluate.
type handExpr struct {
	v      value
	source string
	expr   string // when set, evaluate this Java expression instead of v
}

// handExprs maps render(expr) (as written in the class named by the key's
// prefix, "Class:") to its value.
var handExprs = map[string]handExpr{
	// SslConfigs.DEFAULT_SSL_KEYMANGER_ALGORITHM and
	// DEFAULT_SSL_TRUSTMANAGER_ALGORITHM ask the JVM; these are OpenJDK's
	// values (the java.security properties ssl.KeyManagerFactory.algorithm
	// and ssl.TrustManagerFactory.algorithm), which Kafka's generated docs
	// also show.
	"KeyManagerFactory.getDefaultAlgorithm()":   {v: "SunX509", source: "clients/src/main/java/org/apache/kafka/common/config/SslConfigs.java"},
	"TrustManagerFactory.getDefaultAlgorithm()": {v: "PKIX", source: "clients/src/main/java/org/apache/kafka/common/config/SslConfigs.java"},
	// 3.0-3.9 set these in a static block by JVM version; the catalog keeps
	// the Java 11+ branch (4.x hard-codes the same values).
	"SslConfigs:SslConfigs.DEFAULT_SSL_PROTOCOL":          {v: "TLSv1.3", source: "clients/src/main/java/org/apache/kafka/common/config/SslConfigs.java"},
	"SslConfigs:SslConfigs.DEFAULT_SSL_ENABLED_PROTOCOLS": {v: "TLSv1.2,TLSv1.3", source: "clients/src/main/java/org/apache/kafka/common/config/SslConfigs.java"},
	// These constants are instances, not enum constants; name() returns
	// the lower-cased strategy type (toString of the nested enum).
	"AutoOffsetResetStrategy.LATEST.name()":    {v: "latest", source: "clients/src/main/java/org/apache/kafka/clients/consumer/internals/AutoOffsetResetStrategy.java"},
	"ShareAcknowledgementMode.IMPLICIT.name()": {v: "implicit", source: "clients/src/main/java/org/apache/kafka/clients/consumer/internals/ShareAcknowledgementMode.java"},
	// Streams state.dir defaults to the JVM temp directory + "kafka-streams";
	// the catalog keeps the property reference rather than a host's path.
	`System.getProperty("java.io.tmpdir")`: {v: "${java.io.tmpdir}", source: "streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java"},
	// 4.1+ ConnectorConfig.configDef() passes null and ConverterDefaults(null,
	// null) to the parameterised configDef(...): no default version or
	// converter class in the public ConfigDef.
	"ConnectorConfig:defaultConnectorVersion":         {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:keyConverterDefaults.type":       {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:keyConverterDefaults.version":    {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:valueConverterDefaults.type":     {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:valueConverterDefaults.version":  {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:headerConverterDefaults.type":    {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	"ConnectorConfig:headerConverterDefaults.version": {v: nil, source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java"},
	// DistributedConfig's default*Algorithm(crypto) helpers return the
	// *_DEFAULT constant when the JVM supports it (HmacSHA256 always is).
	"DistributedConfig:defaultKeyGenerationAlgorithm(crypto)": {expr: "INTER_WORKER_KEY_GENERATION_ALGORITHM_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	"DistributedConfig:defaultSignatureAlgorithm(crypto)":     {expr: "INTER_WORKER_SIGNATURE_ALGORITHM_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	"DistributedConfig:defaultVerificationAlgorithms(crypto)": {expr: "INTER_WORKER_VERIFICATION_ALGORITHMS_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	"DistributedConfig:defaultKeyGenerationAlgorithm()":       {expr: "INTER_WORKER_KEY_GENERATION_ALGORITHM_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	"DistributedConfig:defaultSignatureAlgorithm()":           {expr: "INTER_WORKER_SIGNATURE_ALGORITHM_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	"DistributedConfig:defaultVerificationAlgorithms()":       {expr: "INTER_WORKER_VERIFICATION_ALGORITHMS_DEFAULT", source: "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/distributed/DistributedConfig.java"},
	// 3.8 asks zstd-jni; later versions hard-code the same zstd values in
	// clients/src/main/java/org/apache/kafka/common/record/CompressionType.java.
	"Zstd.minCompressionLevel()":     {v: intVal{-131072, false}, source: "clients/src/main/java/org/apache/kafka/common/compress/ZstdCompression.java"},
	"Zstd.maxCompressionLevel()":     {v: intVal{22, false}, source: "clients/src/main/java/org/apache/kafka/common/compress/ZstdCompression.java"},
	"Zstd.defaultCompressionLevel()": {v: intVal{3, false}, source: "clients/src/main/java/org/apache/kafka/common/compress/ZstdCompression.java"},
	// The per-codec DEFAULT_LEVEL constants are declared inside enum
	// constant bodies: GZIP Deflater.DEFAULT_COMPRESSION (-1), LZ4 9, ZSTD 3.
	"CompressionType.GZIP.defaultLevel()": {v: intVal{-1, false}, source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
	"CompressionType.LZ4.defaultLevel()":  {v: intVal{9, false}, source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
	"CompressionType.ZSTD.defaultLevel()": {v: intVal{3, false}, source: "clients/src/main/java/org/apache/kafka/common/record/CompressionType.java"},
}

func (e *evaluator) handValue(c *class, n node) (value, bool, error) {
	v, ok, err := handLookup(c, n)
	if h, isExpr := v.(handExpr); ok && err == nil && isExpr {
		toks, err := tokenize(h.expr)
		if err != nil {
			return nil, true, err
		}
		v, err := e.evalTokens(c, toks[:len(toks)-1])
		return v, true, err
	}
	return v, ok, err
}

func handLookup(c *class, n node) (value, bool, error) {
	switch n.(type) {
	case callNode, selNode, nameNode:
	default:
		return nil, false, nil
	}
	if h, ok := handExprs[c.simple+":"+render(n)]; ok {
		if h.expr != "" {
			return h, true, nil
		}
		return h.v, true, nil
	}
	if _, name := n.(nameNode); name {
		return nil, false, nil
	}
	if h, ok := handExprs[render(n)]; ok {
		return h.v, true, nil
	}
	return nil, false, nil
}

// handDeprecations names the successor of keys whose deprecation is marked
// only by @Deprecated on the Java constant (the javadoc that names the
// successor is a comment, which the reader skips). Source:
// streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java.
var handDeprecations = map[string]string{
	"cache.max.bytes.buffering":                 "deprecated: use statestore.cache.max.bytes instead",
	"default.deserialization.exception.handler": "deprecated: use deserialization.exception.handler instead",
	"default.production.exception.handler":      "deprecated: use production.exception.handler instead",
	"default.dsl.store":                         "deprecated: use dsl.store.suppliers.class instead",
}
