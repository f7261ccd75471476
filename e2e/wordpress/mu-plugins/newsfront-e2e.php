<?php
/*
 * Plugin Name: Newsfront end-to-end site
 * Description: What the test site has installed, as a real site would, with switches the tests flip (e2e/wordpress/control.php).
 *
 * - Anonymous comments through the REST API: the filter docs/wordpress.md
 *   asks every site to add. On unless the option newsfront_e2e_anonymous is '0',
 *   so a test can show what the app does on a site that has not added it.
 * - An anti-spam plugin's verdict: a comment containing the word in the option
 *   newsfront_e2e_spam_word is marked 'spam' through pre_comment_approved,
 *   the filter Akismet and its peers use.
 * - No mail: the test machine has no mail server, and WordPress would try to
 *   tell the editor about every held comment.
 */

add_filter(
	'rest_allow_anonymous_comments',
	function () {
		return '0' !== get_option( 'newsfront_e2e_anonymous', '1' );
	}
);

add_filter(
	'pre_comment_approved',
	function ( $approved, $commentdata ) {
		$word = (string) get_option( 'newsfront_e2e_spam_word', '' );
		if ( is_wp_error( $approved ) || '' === $word ) {
			return $approved;
		}
		return false !== mb_stripos( (string) $commentdata['comment_content'], $word ) ? 'spam' : $approved;
	},
	10,
	2
);

if ( ! function_exists( 'wp_mail' ) ) {
	/** Sends nothing (pluggable: a must-use plugin loads before WordPress defines its own). */
	function wp_mail() {
		return true;
	}
}
