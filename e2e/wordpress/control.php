<?php
/*
 * Test-time control of the end-to-end WordPress site, from the command line
 * (never over HTTP): e2e/lib/wordpress.mjs runs it with the steps to take as
 * one JSON array, and reads the JSON it prints (one result per step).
 *
 *   {"op": "reset"}                    back to the seed: every comment the tests
 *                                      posted (from 127.0.0.1) deleted, the
 *                                      switches below at their defaults, trashed
 *                                      posts restored
 *   {"op": "option", "name": N, "value": V}   sets one of the switches:
 *       newsfront_e2e_anonymous        '1' / '0': the rest_allow_anonymous_comments filter
 *       close_comments_for_old_posts   1 / 0 } "Automatically close comments on
 *       close_comments_days_old        N     }  posts older than N days"
 *       comment_registration           1 / 0: "Users must be registered and logged in"
 *       require_name_email             1 / 0: "Comment author must fill out name and email"
 *       comment_moderation             1 / 0: "Comment must be manually approved"
 *   {"op": "comments", "post": ID}     every comment of a post, any status, as stored
 *   {"op": "trash_post", "post": ID}   moves a post to the trash (as an editor would)
 */

require __DIR__ . '/boot.php';

const NEWSFRONT_SWITCHES = array(
	'newsfront_e2e_anonymous'      => '1',
	'close_comments_for_old_posts' => 0,
	'close_comments_days_old'      => 14,
	'comment_registration'         => 0,
	'require_name_email'           => 1,
	'comment_moderation'           => 0,
);

$steps = json_decode( $argv[1] ?? '', true );
if ( ! is_array( $steps ) ) {
	fwrite( STDERR, "usage: control.php '[{\"op\": \"reset\"}, ...]'\n" );
	exit( 2 );
}

$status_name = array( '1' => 'approved', '0' => 'hold', 'spam' => 'spam', 'trash' => 'trash' );
$out         = array();
foreach ( $steps as $step ) {
	switch ( $step['op'] ?? '' ) {
		case 'reset':
			global $wpdb;
			$posted = $wpdb->get_col( "SELECT comment_ID FROM {$wpdb->comments} WHERE comment_author_IP = '127.0.0.1'" );
			foreach ( $posted as $id ) {
				wp_delete_comment( (int) $id, true );
			}
			foreach ( NEWSFRONT_SWITCHES as $name => $value ) {
				update_option( $name, $value );
			}
			foreach ( get_posts( array( 'post_status' => 'trash', 'numberposts' => -1 ) ) as $p ) {
				wp_untrash_post( $p->ID );
				wp_publish_post( $p->ID );
			}
			$out[] = array( 'deleted_comments' => count( $posted ) );
			break;
		case 'option':
			$name = (string) ( $step['name'] ?? '' );
			if ( ! array_key_exists( $name, NEWSFRONT_SWITCHES ) ) {
				fwrite( STDERR, "not a switch: $name\n" );
				exit( 2 );
			}
			update_option( $name, $step['value'] );
			$out[] = array( $name => get_option( $name ) );
			break;
		case 'comments':
			$list = get_comments(
				array(
					'post_id' => (int) $step['post'],
					'status'  => 'all',
					'orderby' => 'comment_ID',
					'order'   => 'ASC',
				)
			);
			// 'all' leaves out spam and trash; ask for those too.
			foreach ( array( 'spam', 'trash' ) as $s ) {
				$list = array_merge( $list, get_comments( array( 'post_id' => (int) $step['post'], 'status' => $s ) ) );
			}
			$out[] = array_map(
				fn( $c ) => array(
					'id'           => (int) $c->comment_ID,
					'parent'       => (int) $c->comment_parent,
					'author_name'  => $c->comment_author,
					'author_email' => $c->comment_author_email,
					'author_ip'    => $c->comment_author_IP,
					'content'      => $c->comment_content,
					'status'       => $status_name[ $c->comment_approved ] ?? $c->comment_approved,
				),
				$list
			);
			break;
		case 'trash_post':
			$out[] = array( 'trashed' => (bool) wp_trash_post( (int) $step['post'] ) );
			break;
		default:
			fwrite( STDERR, 'unknown op: ' . json_encode( $step ) . "\n" );
			exit( 2 );
	}
}
echo json_encode( $out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), "\n";
