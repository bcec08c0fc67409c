package rules

import "github.com/kafkalint/kafkalint/analyzer"

var rebalanceRules = []*analyzer.Rule{}
