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
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password=123456;`, `option "password" has no string value`},
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username;`, `option "username" has no value`},
		{`a.B required; c.D required;`, "2 login modules"},
		{``, "no login module"},
	}
	for _, tt := range tests {
		got := jaasProblem(tt.value)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("jaasProblem(%s) = %q, want %q", tt.value, got, tt.want)
		}
		if strings.Contains(got, "123456") || strings.Contains(got, `"p"`) {
			t.Errorf("jaasProblem(%s) = %q quotes a value", tt.value, got)
		}
	}
}
