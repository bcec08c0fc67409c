package rules

import "github.com/kafkalint/kafkalint/analyzer"

var partitioningRules = []*analyzer.Rule{}
