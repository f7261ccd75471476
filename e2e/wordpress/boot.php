<?php
/*
 * Loads the end-to-end test site's WordPress for a command-line script
 * (require it at the top of the script, in the global scope WordPress
 * needs). The site is the one scripts/wordpress.sh runs: NEWSFRONT_WP_DIR
 * names its data directory, NEWSFRONT_WP_URL its address.
 */
$newsfront_dir = getenv( 'NEWSFRONT_WP_DIR' );
$newsfront_url = getenv( 'NEWSFRONT_WP_URL' );
if ( ! $newsfront_dir || ! $newsfront_url ) {
	fwrite( STDERR, "NEWSFRONT_WP_DIR and NEWSFRONT_WP_URL must be set (scripts/wordpress.sh sets them)\n" );
	exit( 2 );
}
// What nginx passes to PHP-FPM for a web request (see scripts/wordpress.sh).
$_SERVER['NEWSFRONT_WP_DIR'] = $newsfront_dir;
$_SERVER['WORDPRESS_CONFIG'] = 'newsfront-e2e';
$_SERVER['HTTP_HOST']        = parse_url( $newsfront_url, PHP_URL_HOST ) . ':' . parse_url( $newsfront_url, PHP_URL_PORT );
$_SERVER['SERVER_NAME']      = parse_url( $newsfront_url, PHP_URL_HOST );
$_SERVER['SERVER_PORT']      = (string) parse_url( $newsfront_url, PHP_URL_PORT );
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
$_SERVER['REMOTE_ADDR']      = '127.0.0.1';

require '/usr/share/wordpress/wp-load.php';
