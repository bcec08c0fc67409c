// PLACEHOLDER: replaced by the generated table (internal/gencatalog).

package catalog

func f(v float64) *float64 { return &v }

var versions = []Version{{3, 0}, {4, 2}}

var removals = map[string]Removal{}

var tables = map[Version]*Catalog{
	{3, 0}: {Version: Version{3, 0}, keys: map[string]*Key{
		"session.timeout.ms":      {Name: "session.timeout.ms", Type: Int, Default: "45000", HasDefault: true, Clients: Consumer, Importance: "high"},
		"heartbeat.interval.ms":   {Name: "heartbeat.interval.ms", Type: Int, Default: "3000", HasDefault: true, Clients: Consumer, Importance: "high"},
		"max.poll.interval.ms":    {Name: "max.poll.interval.ms", Type: Int, Default: "300000", HasDefault: true, Min: f(1), Clients: Consumer, Importance: "medium"},
		"max.poll.records":        {Name: "max.poll.records", Type: Int, Default: "500", HasDefault: true, Min: f(1), Clients: Consumer, Importance: "medium"},
		"group.id":                {Name: "group.id", Type: String, Clients: Consumer, Importance: "high"},
		"auto.offset.reset":       {Name: "auto.offset.reset", Type: String, Default: "latest", HasDefault: true, Valid: []string{"latest", "earliest", "none"}, Clients: Consumer, Importance: "medium"},
		"acks":                    {Name: "acks", Type: String, Default: "all", HasDefault: true, Valid: []string{"all", "-1", "0", "1"}, Clients: Producer, Importance: "low"},
		"bootstrap.servers":       {Name: "bootstrap.servers", Type: List, Default: "", HasDefault: true, Clients: Consumer | Producer | Admin, Importance: "high"},
		"key.deserializer":        {Name: "key.deserializer", Type: Class, Clients: Consumer, Importance: "high"},
		"key.serializer":          {Name: "key.serializer", Type: Class, Clients: Producer, Importance: "high"},
		"enable.idempotence":      {Name: "enable.idempotence", Type: Boolean, Default: "true", HasDefault: true, Clients: Producer, Importance: "low"},
		"ssl.truststore.password": {Name: "ssl.truststore.password", Type: Password, Clients: Consumer | Producer | Admin, Sensitive: true, Importance: "high"},
		"sasl.jaas.config":        {Name: "sasl.jaas.config", Type: Password, Clients: Consumer | Producer | Admin, Sensitive: true, Importance: "medium"},
	}},
}

func init() {
	tables[Version{4, 2}] = &Catalog{Version: Version{4, 2}, keys: tables[Version{3, 0}].keys}
}
