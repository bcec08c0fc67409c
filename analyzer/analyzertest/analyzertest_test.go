package analyzertest_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/analyzertest"
	"github.com/kafkalint/kafkalint/rules"
)

// recorder is a Testing that keeps the failures instead of failing.
type recorder struct {
	ctx    context.Context
	errors []string
}

func (r *recorder) Helper()                  {}
func (r *recorder) Context() context.Context { return r.ctx }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestRunReportsMismatches: an expectation nothing meets and a finding
// nothing expects both fail the run, in sorted order, and a met
// expectation does not.
func TestRunReportsMismatches(t *testing.T) {
	t.Parallel()
	r := &recorder{ctx: t.Context()}
	analyzertest.Run(r, "testdata/mismatch", analyzer.Options{Rules: []*analyzer.Rule{rules.UnknownKey}})
	want := []string{
		"testdata/mismatch/c.properties:5: no KL401 reported",
		"testdata/mismatch/c.properties:6:1: unexpected KL401: session.timeout is not a consumer configuration key in Kafka 4.3, so the client ignores it and session.timeout.ms keeps its default: did you mean session.timeout.ms?",
	}
	if !slices.Equal(r.errors, want) {
		t.Errorf("Run failures =\n%q\nwant\n%q", r.errors, want)
	}
}
