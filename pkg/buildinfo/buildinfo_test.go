package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	checkout := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	installed := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}}
	for _, tc := range []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		want                  Info
		short                 string
	}{
		{"release build", "1.2.3", "abc1234def", "2026-12-02T00:00:00Z", checkout,
			Info{Version: "1.2.3", Commit: "abc1234def", Date: "2026-12-02T00:00:00Z", Go: "go1.26.0"}, "1.2.3 (abc1234def, 2026-12-02)"},
		{"go install module@version", "", "", "", installed,
			Info{Version: "1.2.3", Go: "go1.26.0"}, "1.2.3"},
		{"go build in a checkout", "", "", "", checkout,
			Info{Version: "dev", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-12-01T10:00:00Z", Modified: true, Go: "go1.26.0"}, "dev (0123456789ab+dirty, 2026-12-01)"},
		{"no build information", "", "", "", nil,
			Info{Version: "dev"}, "dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := resolve(tc.version, tc.commit, tc.date, tc.bi)
			if tc.bi == nil {
				tc.want.Go = got.Go // the running toolchain's
			}
			tc.want.Platform = got.Platform
			if got != tc.want {
				t.Errorf("resolve = %+v, want %+v", got, tc.want)
			}
			if s := got.Short(); s != tc.short {
				t.Errorf("Short = %q, want %q", s, tc.short)
			}
		})
	}
}
