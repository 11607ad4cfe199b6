// Development certificates: a throwaway certificate authority and a
// server certificate for localhost, so that the demo and tests run the
// services with real TLS. Never use them outside a development machine.

package servicekit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// DevCerts names the PEM files WriteDevCerts creates.
type DevCerts struct {
	CA, Cert, Key string
}

// ServerFlags returns the flags that make a service of this repository serve
// TLS with these files.
func (f DevCerts) ServerFlags() []string {
	return []string{"-tls_cert=" + f.Cert, "-tls_key=" + f.Key}
}

// WriteDevCerts creates ca.pem, server.pem and server-key.pem in dir. The server
// certificate is valid for one day for localhost, 127.0.0.1 and ::1.
func WriteDevCerts(dir string) (DevCerts, error) {
	files := DevCerts{
		CA:   filepath.Join(dir, "ca.pem"),
		Cert: filepath.Join(dir, "server.pem"),
		Key:  filepath.Join(dir, "server-key.pem"),
	}
	now := time.Now()

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return DevCerts{}, err
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "go-c-starter development CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return DevCerts{}, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return DevCerts{}, err
	}

	serverKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return DevCerts{}, err
	}
	serverTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	serverDER, err := x509.CreateCertificate(rand.Reader, serverTemplate, ca, &serverKey.PublicKey, caKey)
	if err != nil {
		return DevCerts{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(serverKey)
	if err != nil {
		return DevCerts{}, err
	}

	for _, f := range []struct {
		path, blockType string
		der             []byte
		mode            os.FileMode
	}{
		{files.CA, "CERTIFICATE", caDER, 0o644},
		{files.Cert, "CERTIFICATE", serverDER, 0o644},
		{files.Key, "PRIVATE KEY", keyDER, 0o600},
	} {
		data := pem.EncodeToMemory(&pem.Block{Type: f.blockType, Bytes: f.der})
		if err := os.WriteFile(f.path, data, f.mode); err != nil {
			return DevCerts{}, fmt.Errorf("servicekit: %w", err)
		}
	}
	return files, nil
}
