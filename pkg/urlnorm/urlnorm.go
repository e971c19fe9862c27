// Package urlnorm reduces the many spellings of one article's address to a
// single key, so related links can be matched to corpus documents.
package urlnorm

import (
	"net/url"
	"strings"
)

// Key returns the comparison key for a URL: scheme, "www.", default port,
// fragment, tracking parameters, trailing slash and AMP markers dropped,
// and AMP-cache addresses (host.cdn.ampproject.org/c/s/…) turned back into
// the publisher's. Two URLs of the same article give the same key. It
// returns "" for an empty or unparseable URL, which matches nothing.
func Key(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	if inner, ok := unwrapAMPCache(u); ok {
		u = inner
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	host = strings.TrimPrefix(host, "amp.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	var segs []string
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s == "" || strings.EqualFold(s, "amp") {
			continue
		}
		segs = append(segs, s)
	}
	key := host + "/" + strings.Join(segs, "/")
	if q := cleanQuery(u.Query()); q != "" {
		key += "?" + q
	}
	return key
}

// unwrapAMPCache turns https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a
// into https://www.example.com/a. The first path letter says what was
// cached (c: content, v: viewer, i: image), an "s" after it says https.
func unwrapAMPCache(u *url.URL) (*url.URL, bool) {
	if !strings.HasSuffix(strings.ToLower(u.Hostname()), ".cdn.ampproject.org") {
		return nil, false
	}
	p := strings.TrimPrefix(u.Path, "/")
	kind, rest, ok := strings.Cut(p, "/")
	if !ok || len(kind) != 1 {
		return nil, false
	}
	scheme := "http"
	if s, r, ok := strings.Cut(rest, "/"); ok && s == "s" {
		scheme, rest = "https", r
	}
	inner, err := url.Parse(scheme + "://" + rest)
	if err != nil || inner.Host == "" {
		return nil, false
	}
	inner.RawQuery = u.RawQuery
	return inner, true
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
