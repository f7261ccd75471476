<?php
/*
 * Newsfront's end-to-end tests: scripts/setup.sh installs this file as
 * /etc/wordpress/config-newsfront-e2e.php. Debian's wp-config.php loads it
 * only when the server sets WORDPRESS_CONFIG=newsfront-e2e (the test nginx
 * does, as do the test's PHP command-line scripts). It reads the real
 * configuration from the test site's own data directory, named by
 * NEWSFRONT_WP_DIR, and refuses to run without one.
 */
$newsfront_e2e_dir = isset( $_SERVER['NEWSFRONT_WP_DIR'] ) ? (string) $_SERVER['NEWSFRONT_WP_DIR'] : '';
if ( '' === $newsfront_e2e_dir || ! is_file( $newsfront_e2e_dir . '/wp-config.php' ) ) {
	header( 'HTTP/1.0 404 Not Found' );
	exit( 1 );
}
require $newsfront_e2e_dir . '/wp-config.php';
