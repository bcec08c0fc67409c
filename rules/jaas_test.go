package rules

import (
	"strings"
	"testing"
)

func TestJaasProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value, want string // want: a fragment of the problem, or "" for none
	}{
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";`, ""},
		{`org.apache.kafka.common.security.scram.ScramLoginModule REQUIRED username='u' password='p';`, ""},
		{`com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true keyTab="/etc/k.keytab" principal="kafka/h@R";`, ""},
		{`org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;`, ""},
		{`"org.apache.kafka.common.security.plain.PlainLoginModule required username='u' password='p';"`, "whole value is quoted"},
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p"`, "not terminated by a semicolon"},
		{`org.apache.kafka.common.security.plain.PlainLoginModule username="u" password="p";`, `"username" is not a login module control flag`},
		// Verified with the JDK 17 java.io.StreamTokenizer configured as
		// JaasConfig configures it: an unquoted number has no string value,
		// and '@' ends a word.
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password=123456;`, `the value of option "password" is not a string`},
		{`m.L required password=7abc;`, `the value of option "password" is not a string`},
		{`m.L required username=alice@example.com password="x";`, "an option is not written key=value"},
		{`m.L required password=abc.def;`, ""},
		{`m.L required username=app password=${env:KAFKA_PASSWORD};`, ""},
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username;`, "an option is not written key=value"},
		{`m.L required password="zq"ESCsek02";`, "an option is not written key=value"},
		{`a.B required; c.D required;`, "2 login modules"},
		{``, "no login module"},
	}
	for _, tt := range tests {
		got := jaasProblem(tt.value)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("jaasProblem(%s) = %q, want %q", tt.value, got, tt.want)
		}
		if strings.Contains(got, "123456") || strings.Contains(got, `"p"`) || strings.Contains(got, "ESCsek02") || strings.Contains(got, "alice") {
			t.Errorf("jaasProblem(%s) = %q quotes a value", tt.value, got)
		}
	}
}
