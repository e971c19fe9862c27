package render

import (
	"io"

	"github.com/seedscope/seedscope/pkg/buildinfo"
)

// VersionText is what "seedscope version" and --version print: the
// version line, then the toolchain and platform.
func VersionText(i buildinfo.Info) string {
	return "seedscope " + i.Short() + "\n" + i.Go + " " + i.Platform + "\n"
}

// WriteVersion writes a build's description: VersionText, or one JSON
// object of buildinfo.Fields.
func WriteVersion(w io.Writer, f Format, i buildinfo.Info, o Options) error {
	switch f {
	case JSON, NDJSON:
		return writeRecordObject(w, f, buildinfo.Fields, i, o.JSON)
	}
	_, err := io.WriteString(w, VersionText(i))
	return err
}
