package rules

import "github.com/kafkalint/kafkalint/analyzer"

var secretRules = []*analyzer.Rule{}
