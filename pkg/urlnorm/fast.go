package urlnorm

import "strings"

const ampCacheSuffix = ".cdn.ampproject.org"

// appendFastKey appends Key(raw) to dst for plain URLs: http or https, a
// host of ASCII letters, digits, dots and hyphens with no port or user, a
// path of characters url.Parse leaves as they are, no query or fragment,
// and AMP-cache addresses of such URLs. It reports false, leaving dst as it
// was, for anything else; parsedKey then decides. FuzzKey and the tests
// hold it to parsedKey's result on every URL it accepts.
func appendFastKey(dst []byte, raw string) ([]byte, bool) {
	rest, ok := cutHTTPScheme(strings.TrimSpace(raw))
	if !ok {
		return dst, false
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if host == "" || !fastHost(host) || !fastPath(path) {
		return dst, false
	}
	if hasSuffixFold(host, ampCacheSuffix) {
		// The publisher's URL is in the path; a cache of a cache is left
		// to parsedKey.
		host, path, ok = cacheTarget(path)
		if !ok || !fastHost(host) || hasSuffixFold(host, ampCacheSuffix) {
			return dst, false
		}
	}
	return appendPlainKey(dst, host, path), true
}

// cutHTTPScheme returns what follows "http://" or "https://".
func cutHTTPScheme(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "https://"); ok {
		return rest, true
	}
	return strings.CutPrefix(s, "http://")
}

func fastHost(host string) bool {
	for i := 0; i < len(host); i++ {
		if hostByte[host[i]] == 0 {
			return false
		}
	}
	return true
}

// fastPath reports whether path is made of unreserved characters and
// slashes only: url.Parse then keeps it as written, escaped and unescaped.
func fastPath(path string) bool {
	for i := 0; i < len(path); i++ {
		if pathByte[path[i]] == 0 {
			return false
		}
	}
	return true
}

// hostByte and pathByte mark the bytes fastHost and fastPath take: one
// load a byte instead of a chain of compares, on the hottest loop of a
// corpus's linking.
var hostByte, pathByte = byteSets("-.", "-./_~")

func byteSets(hostPunct, pathPunct string) (host, path [256]byte) {
	for c := range 256 {
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if alnum || strings.IndexByte(hostPunct, byte(c)) >= 0 {
			host[c] = 1
		}
		if alnum || strings.IndexByte(pathPunct, byte(c)) >= 0 {
			path[c] = 1
		}
	}
	return host, path
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// appendPlainKey appends host, lower-cased and without its "www." and
// "amp." prefixes, then "/" and the path's segments (see pathSegments).
func appendPlainKey(dst []byte, host, path string) []byte {
	start := len(dst)
	for i := 0; i < len(host); i++ {
		c := host[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	h := dst[start:]
	for n := prefixLen(h); n > 0; n = prefixLen(h) {
		h = h[n:]
	}
	if len(h) == 0 {
		return dst[:start] // a host of only "www." or "amp." names nothing
	}
	dst = dst[:start+copy(dst[start:], h)]
	dst = append(dst, '/')
	return appendSegments(dst, path)
}

func prefixLen(h []byte) int {
	if len(h) >= 4 && (string(h[:4]) == "www." || string(h[:4]) == "amp.") {
		return 4
	}
	return 0
}

// appendSegments appends path's segments, less empty and "amp" ones,
// joined by "/".
func appendSegments(dst []byte, path string) []byte {
	first := true
	for i := 0; ; {
		seg, ok := nextSegment(path, &i)
		if !ok {
			break
		}
		if !first {
			dst = append(dst, '/')
		}
		first = false
		dst = append(dst, seg...)
	}
	return dst
}

// cacheTarget reads the host and path of the URL an AMP-cache path names,
// as unwrapAMPCache does: "/c/s/host/a" is https://host/a, "/c/host/a" is
// http://host/a. The scheme plays no part in a key.
func cacheTarget(path string) (host, rest string, ok bool) {
	i := 0
	kind, ok := nextSegment(path, &i)
	if !ok || len(kind) != 1 {
		return "", "", false
	}
	host, ok = nextSegment(path, &i)
	if !ok {
		return "", "", false
	}
	if host == "s" {
		j := i
		if next, ok := nextSegment(path, &j); ok {
			host, i = next, j
		}
	}
	return host, path[min(i, len(path)):], true
}

// nextSegment returns the path segment at or after *i that pathSegments
// keeps (not empty, not "amp") and moves *i past it.
func nextSegment(path string, i *int) (string, bool) {
	for *i < len(path) {
		start := *i
		end := strings.IndexByte(path[start:], '/')
		if end < 0 {
			end = len(path)
		} else {
			end += start
		}
		*i = end + 1
		if seg := path[start:end]; seg != "" && !strings.EqualFold(seg, "amp") {
			return seg, true
		}
	}
	return "", false
}
