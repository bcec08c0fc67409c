package rules

import "github.com/kafkalint/kafkalint/analyzer"

var vanishedRules = []*analyzer.Rule{}
