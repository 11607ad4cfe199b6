/* The OpenSSL 3 implementation of crypto_evp.h: EVP_MD for SHA-256 and
 * EVP_MAC "HMAC" for HMAC-SHA256. */
#include "crypto_evp.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>

/* Exactly one of md and mac is set. */
struct crypto_evp {
  EVP_MD_CTX *md;
  EVP_MAC_CTX *mac;
};

/* Maps an OpenSSL success flag (1 on success) to a status. */
static crypto_status ossl(int ok) { return ok == 1 ? CRYPTO_OK : CRYPTO_EBACKEND; }

/* The algorithms, fetched from OpenSSL's default library context once per
 * process: a fetch takes a lock and a lookup in OpenSSL's method store,
 * which at 64 bytes cost about as much as the hash itself when every
 * context fetched its own. This is the library's only global state, an
 * init-once cache: written once under pthread_once, then read-only, and
 * held (never freed) for the life of the process. If a fetch fails, every
 * crypto_evp_new of that algorithm fails with CRYPTO_EBACKEND. */
static struct {
  EVP_MD *sha256;
  EVP_MAC *hmac;
} algs;
static pthread_once_t algs_once = PTHREAD_ONCE_INIT;

static void fetch_algs(void) {
  algs.sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
  algs.hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

crypto_status crypto_evp_new(crypto_evp_alg alg, const uint8_t *key, size_t key_len,
                             crypto_evp **out) {
  if (pthread_once(&algs_once, fetch_algs) != 0) return CRYPTO_EBACKEND;
  if ((alg == CRYPTO_EVP_SHA256 ? (void *)algs.sha256 : (void *)algs.hmac) == NULL) {
    return CRYPTO_EBACKEND;
  }
  crypto_evp *e = calloc(1, sizeof *e);
  if (e == NULL) return CRYPTO_ENOMEM;
  crypto_status st;
  if (alg == CRYPTO_EVP_SHA256) {
    e->md = EVP_MD_CTX_new();
    st = e->md == NULL ? CRYPTO_ENOMEM : ossl(EVP_DigestInit_ex2(e->md, algs.sha256, NULL));
  } else {
    e->mac = EVP_MAC_CTX_new(algs.hmac);
    /* OpenSSL reads a NULL key as "keep the previous key"; an empty key
     * must be a non-NULL pointer. */
    static const uint8_t empty_key[1];
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    st = e->mac == NULL ? CRYPTO_ENOMEM
                        : ossl(EVP_MAC_init(e->mac, key_len ? key : empty_key, key_len, params));
  }
  if (st != CRYPTO_OK) {
    crypto_evp_free(e);
    return st;
  }
  *out = e;
  return CRYPTO_OK;
}

crypto_status crypto_evp_reset(crypto_evp *e) {
  if (e->md != NULL) return ossl(EVP_DigestInit_ex2(e->md, NULL, NULL));
  /* A NULL key re-initialises with the key already set, reusing its
   * precomputed pads. */
  return ossl(EVP_MAC_init(e->mac, NULL, 0, NULL));
}

crypto_status crypto_evp_update(crypto_evp *e, const uint8_t *data, size_t len) {
  if (len == 0) return CRYPTO_OK; /* data may be NULL; nothing to feed */
  if (e->md != NULL) return ossl(EVP_DigestUpdate(e->md, data, len));
  return ossl(EVP_MAC_update(e->mac, data, len));
}

crypto_status crypto_evp_final(crypto_evp *e, uint8_t out[CRYPTO_SHA256_SIZE]) {
  if (e->md != NULL) {
    unsigned int n = 0;
    crypto_status st = ossl(EVP_DigestFinal_ex(e->md, out, &n));
    return st == CRYPTO_OK && n != CRYPTO_SHA256_SIZE ? CRYPTO_EBACKEND : st;
  }
  size_t n = 0;
  crypto_status st = ossl(EVP_MAC_final(e->mac, out, &n, CRYPTO_SHA256_SIZE));
  return st == CRYPTO_OK && n != CRYPTO_SHA256_SIZE ? CRYPTO_EBACKEND : st;
}

crypto_status crypto_evp_dup(const crypto_evp *e, crypto_evp **out) {
  crypto_evp *d = calloc(1, sizeof *d);
  if (d == NULL) return CRYPTO_ENOMEM;
  crypto_status st;
  if (e->md != NULL) {
    d->md = EVP_MD_CTX_new();
    st = d->md == NULL ? CRYPTO_ENOMEM : ossl(EVP_MD_CTX_copy_ex(d->md, e->md));
  } else {
    /* EVP_MAC_CTX_dup allocates and copies in one step; NULL means either
     * failed, and allocation is the only way a copy of valid state fails. */
    d->mac = EVP_MAC_CTX_dup(e->mac);
    st = d->mac == NULL ? CRYPTO_ENOMEM : CRYPTO_OK;
  }
  if (st != CRYPTO_OK) {
    crypto_evp_free(d);
    return st;
  }
  *out = d;
  return CRYPTO_OK;
}

void crypto_evp_free(crypto_evp *e) {
  if (e == NULL) return;
  EVP_MD_CTX_free(e->md);
  EVP_MAC_CTX_free(e->mac);
  free(e);
}
