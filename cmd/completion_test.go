package cmd

import (
	"strings"
	"testing"
)

func TestFlagCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "list", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "export", "-f", ""}, "json\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "validate", "--format", ""}, "text\njson\ngithub\nsarif\njunit\n:4\n"},
		{[]string{"__complete", "list", "--sort", ""}, "path\npublished\ntitle\nprovider\nquality\nheat\n:4\n"},
		{[]string{"__complete", "topics", "--parser", ""}, "auto\nyaml\n:4\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			r := execute(t, false, tt.args...)
			if r.stdout != tt.want {
				t.Errorf("got %q, want %q", r.stdout, tt.want)
			}
		})
	}
}
