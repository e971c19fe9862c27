package main

import (
	"strings"
	"testing"
)

func TestCPUModel(t *testing.T) {
	tests := []struct {
		name, cpuinfo, want string
	}{
		{
			"brand only in a VM",
			"processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 23\nmodel\t\t: 49\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2245.780\n\nprocessor\t: 1\ncpu family\t: 25\nmodel\t\t: 1\nmodel name\t: other\n",
			"AMD EPYC, family 23, model 49, 2246 MHz",
		},
		{"no details", "model name\t: Some CPU\n", "Some CPU"},
		{"unreadable clock", "model name\t: X\ncpu MHz\t: fast\n", "X"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cpuModel(strings.NewReader(tt.cpuinfo)); got != tt.want {
				t.Errorf("cpuModel = %q, want %q", got, tt.want)
			}
		})
	}
}
