// Package load reads Kafka client configuration files into a positioned
// model: every key, value and comment with its 1-based line and column.
//
// Columns count Unicode code points, as SARIF's unicodeCodePoints column kind
// does. The package knows nothing about Kafka semantics: roles, catalogs and
// rules live in package analyzer.
package load
