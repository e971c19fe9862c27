package corpus

import (
	"encoding/json"
	"time"
)

// The wire types fix the JSON shape: field order, names, and null for a
// missing scalar. They are the only place that shape is written down.
type (
	docJSON struct {
		ID          string         `json:"id"`
		Path        string         `json:"path"`
		Kind        Kind           `json:"kind"`
		Title       *string        `json:"title"`
		Excerpt     *string        `json:"excerpt"`
		Category    *string        `json:"category"`
		Type        *string        `json:"type"`
		PublishedAt *string        `json:"publishedAt"`
		URL         *string        `json:"url"`
		AmpURL      *string        `json:"ampUrl"`
		CdnAmpURL   *string        `json:"cdnAmpUrl"`
		Quality     *float64       `json:"quality"`
		Heat        *float64       `json:"heat"`
		Published   *bool          `json:"published"`
		Provider    providerJSON   `json:"provider"`
		Topics      []string       `json:"topics"`
		Images      []imageJSON    `json:"images"`
		Related     []relatedJSON  `json:"related"`
		Body        *string        `json:"body"`
		Words       int            `json:"words"`
		Secured     *string        `json:"secured"`
		Extra       map[string]any `json:"extra"`
	}
	providerJSON struct {
		Name   *string     `json:"name"`
		Domain *string     `json:"domain"`
		Images []imageJSON `json:"images"`
	}
	imageJSON struct {
		URL    *string  `json:"url"`
		Width  *float64 `json:"width"`
		Height *float64 `json:"height"`
		Title  *string  `json:"title"`
	}
	relatedJSON struct {
		Title       *string      `json:"title"`
		Excerpt     *string      `json:"excerpt"`
		URL         *string      `json:"url"`
		AmpURL      *string      `json:"ampUrl"`
		CdnAmpURL   *string      `json:"cdnAmpUrl"`
		PublishedAt *string      `json:"publishedAt"`
		Type        *string      `json:"type"`
		Quality     *float64     `json:"quality"`
		Provider    providerJSON `json:"provider"`
		Images      []imageJSON  `json:"images"`
		Target      *string      `json:"target"`
	}
)

// MarshalJSON writes the document in its documented, stable shape.
func (d *Document) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.wire())
}

func (d *Document) wire() docJSON {
	extra := d.Extra
	if extra == nil {
		extra = map[string]any{}
	}
	return docJSON{
		ID: d.ID, Path: d.Path, Kind: d.Kind,
		Title: str(d.Title), Excerpt: str(d.Excerpt), Category: str(d.Category), Type: str(d.Type),
		PublishedAt: timeStr(d.PublishedAt),
		URL:         str(d.URL), AmpURL: str(d.AmpURL), CdnAmpURL: str(d.CdnAmpURL),
		Quality: d.Quality, Heat: d.Heat, Published: d.Published,
		Provider: d.Provider.wire(),
		Topics:   orEmpty(d.Topics),
		Images:   imagesWire(d.Images),
		Related:  relatedWire(d.Related),
		Body:     str(d.Body), Words: d.Words, Secured: d.Secured,
		Extra: extra,
	}
}

func (p Provider) wire() providerJSON {
	return providerJSON{Name: str(p.Name), Domain: str(p.Domain), Images: imagesWire(p.Images)}
}

func imagesWire(imgs []Image) []imageJSON {
	out := make([]imageJSON, len(imgs))
	for i, im := range imgs {
		out[i] = imageJSON{URL: str(im.URL), Width: im.Width, Height: im.Height, Title: str(im.Title)}
	}
	return out
}

func relatedWire(rs []Related) []relatedJSON {
	out := make([]relatedJSON, len(rs))
	for i, r := range rs {
		out[i] = relatedJSON{
			Title: str(r.Title), Excerpt: str(r.Excerpt),
			URL: str(r.URL), AmpURL: str(r.AmpURL), CdnAmpURL: str(r.CdnAmpURL),
			PublishedAt: timeStr(r.PublishedAt), Type: str(r.Type), Quality: r.Quality,
			Provider: r.Provider.wire(), Images: imagesWire(r.Images), Target: str(r.Target),
		}
	}
	return out
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func timeStr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
