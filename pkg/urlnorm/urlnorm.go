// Package urlnorm reduces the many spellings of one article's address to a
// single key, so related links can be matched to corpus documents.
package urlnorm

import (
	"net"
	"net/url"
	"strings"
)

// Key returns the comparison key for a URL: scheme, "www.", default port,
// fragment, tracking parameters, trailing slash and AMP markers dropped,
// and AMP-cache addresses (host.cdn.ampproject.org/c/s/…) turned back into
// the publisher's. Two URLs of the same article give the same key. It
// returns "" for an empty or unparseable URL, which matches nothing.
func Key(raw string) string {
	// The key is built in buf, not grown from nil by appends: one
	// allocation for the string instead of a few for the buffer.
	var buf [256]byte
	if k, ok := appendFastKey(buf[:0], raw); ok {
		return string(k)
	}
	return parsedKey(raw)
}

// AppendKey appends Key(raw) to dst. For the plain URLs most documents
// have it allocates nothing, which matters when a corpus holds millions.
func AppendKey(dst []byte, raw string) []byte {
	if k, ok := appendFastKey(dst, raw); ok {
		return k
	}
	return append(dst, parsedKey(raw)...)
}

// parsedKey is Key by way of url.Parse: the reference, and the path for
// every URL appendFastKey leaves to it.
func parsedKey(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	// A cached page can itself be a cache address; unwrap them all (each
	// step shortens the URL, so this ends).
	for {
		inner, ok := unwrapAMPCache(u)
		if !ok {
			break
		}
		u = inner
	}
	host := strings.ToLower(u.Hostname())
	for trimmed := ""; trimmed != host; {
		trimmed = host
		host = strings.TrimPrefix(strings.TrimPrefix(host, "www."), "amp.")
	}
	if host == "" {
		return "" // a host of only "www." or "amp." names nothing
	}
	switch {
	case strings.Contains(host, ":"):
		if net.ParseIP(host) == nil {
			return "" // not an IPv6 literal: a malformed host
		}
		host = "[" + host + "]" // keep the key a valid URL host
	case !plainHost(host):
		// Unescaped, the host may hold what no URL host can ("%25" is
		// "%"): such a key could not be read back, so it matches nothing.
		if v, err := url.Parse("https://" + host + "/"); err != nil || strings.ToLower(v.Hostname()) != host {
			return ""
		}
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	key := host + "/" + strings.Join(pathSegments(u), "/")
	if q := cleanQuery(u.Query()); q != "" {
		key += "?" + q
	}
	return key
}

// plainHost reports whether host is made of the letters, digits, dots and
// hyphens of an ordinary host name.
func plainHost(host string) bool {
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// unwrapAMPCache turns https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a
// into https://www.example.com/a. The first path letter says what was
// cached (c: content, v: viewer, i: image), an "s" after it says https.
func unwrapAMPCache(u *url.URL) (*url.URL, bool) {
	if !strings.HasSuffix(strings.ToLower(u.Hostname()), ".cdn.ampproject.org") {
		return nil, false
	}
	// The path is read as the key reads it (see pathSegments), so a key
	// read back as a URL unwraps the same way.
	segs := pathSegments(u)
	if len(segs) < 2 || len(segs[0]) != 1 {
		return nil, false
	}
	scheme, rest := "http", segs[1:]
	if rest[0] == "s" && len(rest) > 1 {
		scheme, rest = "https", rest[1:]
	}
	inner, err := url.Parse(scheme + "://" + strings.Join(rest, "/"))
	if err != nil || inner.Host == "" {
		return nil, false
	}
	inner.RawQuery = u.RawQuery
	return inner, true
}

// pathSegments is the escaped path cut at "/", without empty and "amp"
// segments.
func pathSegments(u *url.URL) []string {
	var segs []string
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s == "" || strings.EqualFold(s, "amp") {
			continue
		}
		segs = append(segs, s)
	}
	return segs
}

// cleanQuery drops AMP switches and utm_* tracking parameters and sorts the
// rest (url.Values.Encode sorts by key).
func cleanQuery(q url.Values) string {
	for k, vs := range q {
		lk := strings.ToLower(k)
		switch {
		case strings.HasPrefix(lk, "utm_"), lk == "amp", lk == "outputtype" && len(vs) == 1 && strings.EqualFold(vs[0], "amp"):
			delete(q, k)
		}
	}
	return q.Encode()
}
