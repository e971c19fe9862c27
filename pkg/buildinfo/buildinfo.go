// Package buildinfo says which build of seedscope is running: the version,
// commit and date a release build stamps in, or what the Go toolchain
// recorded when there are none (a module version for "go install
// ...@v1.2.3", the commit and its time for a build in a git checkout).
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/seedscope/seedscope/pkg/record"
)

// Info describes one build.
type Info struct {
	Version  string // "1.2.3", "1.2.3-SNAPSHOT-abc1234", "dev"
	Commit   string // the full commit hash, or ""
	Date     string // RFC 3339: the build's (release) or the commit's time, or ""
	Modified bool   // built from a checkout with uncommitted changes
	Go       string // the Go release it was built with
	Platform string // GOOS/GOARCH
}

// Resolve completes what a release build stamped in (-ldflags "-X
// main.version=... -X main.commit=... -X main.date=...") from the build
// information the Go toolchain embeds.
func Resolve(version, commit, date string) Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, commit, date, bi)
}

func resolve(version, commit, date string, bi *debug.BuildInfo) Info {
	i := Info{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if i.Version == "" {
			// "go install module@v1.2.3" records the module's version; a
			// build in a checkout records "(devel)" or a pseudo-version.
			if v := bi.Main.Version; v != "" && v != "(devel)" {
				i.Version = strings.TrimPrefix(v, "v")
			}
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.Date == "" {
					i.Date = s.Value
				}
			case "vcs.modified":
				i.Modified = s.Value == "true" && commit == ""
			}
		}
		if bi.GoVersion != "" {
			i.Go = bi.GoVersion
		}
	}
	if i.Version == "" {
		i.Version = "dev"
	}
	return i
}

// Short is the version line: "1.2.3 (abc1234, 2026-12-02)", with what is
// known.
func (i Info) Short() string {
	var about []string
	if i.Commit != "" {
		c := i.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if i.Modified {
			c += "+dirty"
		}
		about = append(about, c)
	}
	if i.Date != "" {
		d, _, _ := strings.Cut(i.Date, "T")
		about = append(about, d)
	}
	if len(about) == 0 {
		return i.Version
	}
	return i.Version + " (" + strings.Join(about, ", ") + ")"
}

// Fields are the fields of a build's record (seedscope version --json).
var Fields = record.Table[Info]{
	{Info: record.Info{Name: "version", Kind: record.String, Doc: "the release version, the module version of go install, or dev"}, Value: func(i Info) any { return i.Version }},
	{Info: record.Info{Name: "commit", Kind: record.String, Nullable: true, Doc: "the commit built"}, Value: func(i Info) any { return orNil(i.Commit) }},
	{Info: record.Info{Name: "date", Kind: record.String, Nullable: true, Doc: "when it was built (a release) or committed (a checkout), RFC 3339"}, Value: func(i Info) any { return orNil(i.Date) }},
	{Info: record.Info{Name: "modified", Kind: record.Boolean, Doc: "built from a checkout with uncommitted changes"}, Value: func(i Info) any { return i.Modified }},
	{Info: record.Info{Name: "go", Kind: record.String, Doc: "the Go release it was built with"}, Value: func(i Info) any { return i.Go }},
	{Info: record.Info{Name: "platform", Kind: record.String, Doc: "operating system/architecture"}, Value: func(i Info) any { return i.Platform }},
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
