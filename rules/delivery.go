package rules

import "github.com/kafkalint/kafkalint/analyzer"

var deliveryRules = []*analyzer.Rule{}
