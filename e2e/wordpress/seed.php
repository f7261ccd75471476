<?php
/*
 * Installs the end-to-end test site's WordPress and fills it with content,
 * then writes a manifest (seed.json in the data directory) of what it made,
 * for the tests to read their expectations from.
 *
 * Run by scripts/wordpress.sh: NEWSFRONT_WP_DIR=... NEWSFRONT_WP_URL=... php seed.php
 *
 * The content is original, written for these tests: English and Persian
 * posts across categories (two with Persian slugs, which WordPress stores
 * percent-encoded), enough posts for three pages, a post with about sixty
 * threaded comments, a post with comments closed, a password-protected post,
 * a post whose HTML tries every trick (kept as an administrator with
 * unfiltered_html would keep it), and a featured image with alt text and a
 * caption. Dates are fixed, so the manifest is the same on every machine.
 */

define( 'WP_INSTALLING', true );
require __DIR__ . '/boot.php';
// No "your new site" e-mail (pluggable in upgrade.php).
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

const NEWSFRONT_SPAM_WORD = 'miracle pills';
const NEWSFRONT_DISALLOWED_WORD = 'replica watches';
const NEWSFRONT_HOSTILE_PAYLOADS = 12;

$result = wp_install( 'The Newsroom', 'editor', 'editor@newsroom.example', true, '', 'editor-password-e2e', 'en_US' );
$admin  = (int) $result['user_id'];
wp_set_current_user( $admin ); // an administrator: unfiltered_html, no kses on what we insert
wp_update_user( array( 'ID' => $admin, 'display_name' => 'Newsroom Desk' ) );

// wp_install's sample content (a post, a page, a privacy draft, a comment) goes.
foreach ( get_posts( array( 'post_type' => array( 'post', 'page' ), 'post_status' => 'any', 'numberposts' => -1 ) ) as $p ) {
	wp_delete_post( $p->ID, true );
}

$options = array(
	'blogdescription'              => 'City news, culture and technology',
	'timezone_string'              => 'Asia/Tehran',
	'gmt_offset'                   => '',
	'posts_per_page'               => 10,
	'comments_notify'              => 0,
	'moderation_notify'            => 0,
	'thread_comments'              => 1,
	'thread_comments_depth'        => 5,
	// WordPress's own word list: a comment with one of these goes to the trash.
	'disallowed_keys'              => NEWSFRONT_DISALLOWED_WORD,
	// The stand-in anti-spam plugin's word (mu-plugins/newsfront-e2e.php).
	'newsfront_e2e_spam_word'      => NEWSFRONT_SPAM_WORD,
	'newsfront_e2e_anonymous'      => '1',
);
foreach ( $options as $k => $v ) {
	update_option( $k, $v );
}
// Pretty permalinks, so the REST API answers at /wp-json/.
$wp_rewrite->set_permalink_structure( '/%postname%/' );
flush_rewrite_rules( false );

// ------------------------------------------------------------------ categories

wp_update_term( 1, 'category', array( 'name' => 'News', 'slug' => 'news', 'description' => 'What happened today, in brief.' ) );
$cats = array( 'news' => 1 );
$cat_defs = array(
	array( 'city-life', 'City Life', 'city-life', 'Transport, housing and the life of the neighbourhoods.', null ),
	array( 'science', 'Science & Technology', 'science-technology', 'Research, gadgets & the people who build them.', null ),
	array( 'startups', 'Startups', 'startups', 'Young companies and the money behind them.', 'science' ),
	array( 'economy', 'Economy', 'economy', 'Prices, jobs and trade.', null ),
	array( 'fanavari', 'فناوری', 'فناوری', 'خبرهای فناوری، نوآوری و پژوهش.', null ),
	array( 'farhang', 'فرهنگ و هنر', 'فرهنگ-و-هنر', 'کتاب، موسیقی، سینما و میراث فرهنگی.', null ),
);
foreach ( $cat_defs as list( $key, $name, $slug, $description, $parent ) ) {
	$term = wp_insert_term(
		$name,
		'category',
		array(
			'slug'        => $slug,
			'description' => $description,
			'parent'      => $parent ? $cats[ $parent ] : 0,
		)
	);
	if ( is_wp_error( $term ) ) {
		fwrite( STDERR, "category $name: " . $term->get_error_message() . "\n" );
		exit( 1 );
	}
	$cats[ $key ] = (int) $term['term_id'];
}

// ------------------------------------------------------------------ posts

$paras = function ( ...$ps ) {
	return implode( "\n\n", array_map( fn( $p ) => "<p>$p</p>", $ps ) );
};

$hostile = array();
for ( $n = 1; $n <= NEWSFRONT_HOSTILE_PAYLOADS; $n++ ) {
	$x = "window.__xss($n)";
	$payload = array(
		1  => "<script>$x</script>",
		2  => "<img src=\"x\" alt=\"\" onerror=\"$x\">",
		3  => "<a href=\"javascript:$x\">a link that runs code</a>",
		4  => "<a href=\"JaVaScRiPt:$x\">the same, in mixed case</a>",
		5  => "<div onmouseover=\"$x\" onclick=\"$x\">hover or click here</div>",
		6  => "<svg><script>$x</script></svg>",
		7  => "<iframe src=\"javascript:parent.__xss($n)\" title=\"frame\"></iframe>",
		8  => "<form action=\"javascript:$x\"><button>Send</button></form>",
		9  => "<style>body{background:url(\"javascript:$x\")}</style>",
		10 => "<object data=\"data:text/html,&lt;script&gt;parent.__xss($n)&lt;/script&gt;\"></object>",
		11 => "<meta http-equiv=\"refresh\" content=\"0;url=javascript:$x\">",
		12 => "<details open ontoggle=\"$x\"><summary>More</summary>Text</details>",
	)[ $n ];
	$hostile[] = "<p>before-$n</p>\n$payload\n<p>after-$n</p>";
}

$export_body = $paras(
	'The trade ministry has published a new list of knowledge-based firms that may apply for export support this year. Forty companies are on it, most of them small manufacturers of medical devices, laboratory equipment and industrial software, and about a third are based in science parks outside the capital.',
	'Support comes in three forms. Firms can borrow against confirmed foreign orders at a reduced rate, they can claim back part of what they spend on trade fairs abroad, and they can ask the ministry to cover the cost of certifying a product for a foreign market. The last of these is new, and officials say it answers the complaint they heard most often last year: that certification fees in Europe and East Asia cost more than a small firm earns from its first shipments.',
	'To qualify, a company must already hold the knowledge-based label, must have exported at least once in the past three years, and must show that most of the value of the product it wants to sell was added at home. Firms that only import and repackage finished goods are excluded, as are those with unpaid tax or social insurance debts.',
	'The list replaces one drawn up two years ago, which had almost twice as many names on it. A ministry spokesperson said the shorter list was deliberate: money spread across eighty firms had been too thin to make a difference to any of them, and the new rules concentrate it on companies that have already found buyers abroad.',
	'Industry groups welcomed the certification grants but questioned the rule on earlier exports, which they say shuts out the very start-ups that most need help to find their first customer. The ministry has promised to review the criteria after the first round of applications closes at the end of next month.',
	'Applications are made online through the ministry portal. Each firm may apply for up to two products, and decisions are due within six weeks of a complete application.'
);

$posts = array(
	// key, title, lang, categories, date_gmt, body, extra
	array( 'metro', 'Metro Line 10 opens its first four stations – and a "quiet car" trial', 'en', array( 'city-life', 'news' ), '2025-05-02 06:15:00',
		$paras( 'The first four stations of Metro Line 10 opened to passengers on Friday morning, three years after tunnelling began under the western districts.', 'Each train on the new line has one carriage where phone calls and loud music are not allowed. The operator says the trial will run for six months before it decides whether to extend it to the rest of the network.' ) ),
	array( 'solar', 'Rooftop solar & the grid: who pays when the sun sets?', 'en', array( 'science', 'economy' ), '2025-05-01 09:40:00',
		$paras( 'More households are putting solar panels on their roofs, and the electricity company wants them to pay a fixed fee for staying connected to the grid.', 'Owners of panels say the fee would wipe out most of what they save. The regulator will hear both sides next week.' ) ),
	array( 'budget', 'City council passes next year\'s budget after a late-night session', 'en', array( 'news', 'economy' ), '2025-04-30 20:05:00',
		$paras( 'The council approved the city budget shortly before midnight, after members agreed to move money from road widening to bus lanes.', 'Spending on parks rises by a tenth, and the budget for street cleaning is unchanged.' ) ),
	array( 'library', 'The central library stays open until midnight during exam season', 'en', array( 'city-life' ), '2025-04-29 07:30:00',
		$paras( 'Students will be able to use the reading rooms of the central library until midnight for the next six weeks.', 'The library is adding two hundred seats in the old map room, which has been closed for repairs since the winter.' ) ),
	array( 'export', 'Export support for "knowledge-based" firms - what changed & who qualifies', 'en', array( 'news', 'science' ), '2025-04-28 10:00:00',
		$export_body, array( 'image' => true, 'modified_gmt' => '2025-04-29 08:00:00' ) ),
	array( 'bazaar', 'Card payments reach the old bazaar\'s smallest shops', 'en', array( 'economy', 'city-life' ), '2025-04-27 11:20:00',
		$paras( 'Card readers are now on the counters of most shops in the covered bazaar, including the tiny stalls that sold only for cash a year ago.', 'Banks cut their fees for small merchants in the spring, and the shopkeepers\' guild says that made the difference.' ) ),
	array( 'startup-fund', 'A new fund for hardware start-ups looks for its first ten companies', 'en', array( 'startups' ), '2025-04-26 08:45:00',
		$paras( 'A fund backed by three universities will invest in young companies that build physical products, from sensors to farm machinery.', 'Its managers say hardware firms struggle to raise money because they need more of it before their first sale than software firms do.' ) ),
	array( 'thread', 'Should the river embankment be closed to cars on Fridays? Readers debate', 'en', array( 'city-life', 'news' ), '2025-04-25 09:00:00',
		$paras( 'The city is considering closing the river embankment to motor traffic every Friday from spring to autumn, and opening it to people on foot and on bicycles.', 'We asked readers what they think. The discussion below is long, and still going.' ) ),
	array( 'closed', 'Heritage listing for the old textile mill is confirmed', 'en', array( 'news' ), '2025-04-24 13:10:00',
		$paras( 'The old textile mill by the railway is now a listed building, which means its brick halls and the water tower cannot be demolished.', 'The owners plan to turn the halls into workshops and a market.' ), array( 'comments' => 'closed' ) ),
	array( 'protected', 'Members\' briefing: the budget figures before the council vote', 'en', array( 'economy' ), '2025-04-23 16:00:00',
		$paras( 'This briefing sets out the budget line by line for members of the newsroom club.' ), array( 'password' => 'club-members-only' ) ),
	array( 'hostile', 'A post with hostile HTML in its body', 'en', array( 'news' ), '2025-04-22 12:00:00',
		"<p>This post's HTML holds markup that tries to run code. The reader must show the text and nothing else.</p>\n" . implode( "\n", $hostile ) ),
	array( 'weather', 'A dusty week ahead, then rain by the weekend', 'en', array( 'news' ), '2025-04-21 05:50:00',
		$paras( 'Winds from the south will bring dust on Monday and Tuesday, and the health department advises people with asthma to stay indoors in the afternoons.', 'Rain is expected from Friday.' ) ),
	array( 'bikes', 'Shared bicycles come to five more districts', 'en', array( 'city-life' ), '2025-04-20 07:05:00',
		$paras( 'Docking stations for the shared bicycle scheme are going up in five more districts, bringing the total to three hundred.', 'A ride of up to half an hour stays free.' ) ),
	array( 'robots', 'Students build a robot that sorts recycling by colour and weight', 'en', array( 'science' ), '2025-04-19 10:30:00',
		$paras( 'A team of engineering students has built a sorting robot for the university\'s recycling centre.', 'It separates glass, metal and two kinds of plastic, and the team says it makes fewer mistakes than the people who did the job by hand.' ) ),
	array( 'bread', 'The price of bread is frozen until the end of summer', 'en', array( 'economy' ), '2025-04-18 06:40:00',
		$paras( 'Bakeries will keep the price of the three most common kinds of bread unchanged until September, under an agreement with the flour mills.', 'In return, the mills will get flour at last year\'s price.' ) ),
	array( 'museum', 'The science museum reopens its planetarium', 'en', array( 'science', 'city-life' ), '2025-04-17 15:15:00',
		$paras( 'The planetarium at the science museum reopens on Saturday with a new projector and seats that lean further back.', 'Shows in English run on weekday afternoons.' ) ),
	array( 'fa-internet', 'سرعت اینترنت خانگی در سه استان دو برابر می‌شود', 'fa', array( 'fanavari', 'news' ), '2025-04-16 08:00:00',
		$paras( 'شرکت مخابرات اعلام کرد که تا پایان تابستان، سرعت اینترنت خانگی در سه استان شمالی کشور دو برابر خواهد شد.', 'به گفتهٔ این شرکت، هزینهٔ اشتراک برای مشترکان فعلی تغییری نمی‌کند و ارتقا به‌صورت خودکار انجام می‌شود.' ) ),
	array( 'fa-ai', 'پژوهشگران دانشگاه، ابزاری برای خواندن دست‌نوشته‌های کهن ساختند', 'fa', array( 'fanavari' ), '2025-04-15 09:30:00',
		$paras( 'گروهی از پژوهشگران دانشگاه نرم‌افزاری ساخته‌اند که دست‌نوشته‌های فارسی چند قرن پیش را می‌خواند و به متن رایانه‌ای برمی‌گرداند.', 'این گروه می‌گوید دقت ابزار در نسخه‌های خوش‌خط به نود درصد می‌رسد، اما در نسخه‌های آسیب‌دیده هنوز به بازبینی انسانی نیاز است.' ) ),
	array( 'fa-book', 'نمایشگاه کتاب امسال در فضای باز برگزار می‌شود', 'fa', array( 'farhang' ), '2025-04-14 10:00:00',
		$paras( 'برگزارکنندگان نمایشگاه کتاب اعلام کردند که غرفه‌های امسال در باغی بزرگ در شمال شهر برپا می‌شود.', 'ناشران کودک و نوجوان برای نخستین بار سالنی جداگانه خواهند داشت.' ) ),
	array( 'fa-music', 'ارکستر جوانان شهر نخستین اجرای خود را روی صحنه برد', 'fa', array( 'farhang', 'news' ), '2025-04-13 17:45:00',
		$paras( 'ارکستر جوانان شهر، که نوازندگانش همه زیر بیست‌وپنج سال دارند، شب گذشته نخستین کنسرت خود را اجرا کرد.', 'در این برنامه قطعه‌هایی از آهنگسازان ایرانی و اروپایی نواخته شد.' ) ),
	array( 'fa-startup', 'یک شرکت نوپا برای کشاورزان حسگر رطوبت خاک می‌سازد', 'fa', array( 'fanavari', 'startups' ), '2025-04-12 07:20:00',
		$paras( 'یک شرکت نوپا در پارک علم و فناوری، حسگرهای ارزانی ساخته است که رطوبت خاک را می‌سنجند و به تلفن همراه کشاورز خبر می‌دهند.', 'به گفتهٔ سازندگان، این حسگرها مصرف آب را در باغ‌های آزمایشی تا یک‌چهارم کاهش داده‌اند.' ) ),
	array( 'fa-cinema', 'سینمای قدیمی محله پس از ده سال بازگشایی شد', 'fa', array( 'farhang', 'city-life' ), '2025-04-11 18:30:00',
		$paras( 'سینمای قدیمی محله که ده سال تعطیل بود، با صندلی‌های تازه و پردهٔ بزرگ‌تر دوباره درهایش را به روی تماشاگران گشود.', 'نخستین فیلمی که نمایش داده شد، همان فیلمی بود که در شب تعطیلی سینما روی پرده رفته بود.' ) ),
	array( 'fa-heritage', 'مرمت کاروانسرای تاریخی به مرحلهٔ پایانی رسید', 'fa', array( 'farhang' ), '2025-04-10 06:55:00',
		$paras( 'کار مرمت کاروانسرای تاریخی کنار جادهٔ قدیم، پس از چهار سال به مرحلهٔ پایانی رسیده است.', 'قرار است بخشی از حجره‌ها به کارگاه صنایع دستی تبدیل شود.' ) ),
	array( 'fa-satellite', 'ماهوارهٔ دانشجویی داده‌های نخستین هفته را فرستاد', 'fa', array( 'fanavari', 'science' ), '2025-04-09 11:10:00',
		$paras( 'ماهوارهٔ کوچکی که دانشجویان ساخته‌اند، در نخستین هفتهٔ کار خود داده‌های دما و میدان مغناطیسی را به ایستگاه زمینی فرستاده است.', 'دانشجویان می‌گویند همهٔ بخش‌های ماهواره به‌درستی کار می‌کنند.' ) ),
	array( 'tram', 'The tram depot becomes a food market on weekends', 'en', array( 'city-life' ), '2025-04-08 09:25:00',
		$paras( 'The old tram depot, empty since the trams were retired, will host a food market every Saturday and Sunday from next month.', 'Stall holders were chosen by lottery.' ) ),
	array( 'water', 'Water rates rise for the biggest users only', 'en', array( 'economy', 'news' ), '2025-04-07 08:35:00',
		$paras( 'The water company will raise its rates for households that use more than twice the average, and leave them unchanged for everyone else.', 'The company says the change is meant to save water, not to raise money.' ) ),
);

$ids      = array();
$manifest = array( 'posts' => array() );
foreach ( $posts as $def ) {
	list( $key, $title, $lang, $post_cats, $date_gmt, $body ) = $def;
	$extra = $def[6] ?? array();
	$id    = wp_insert_post(
		array(
			'post_title'     => $title,
			'post_content'   => $body,
			'post_status'    => 'publish',
			'post_author'    => $admin,
			'post_date_gmt'  => $date_gmt,
			'post_category'  => array_map( fn( $c ) => $cats[ $c ], $post_cats ),
			'comment_status' => $extra['comments'] ?? 'open',
			'post_password'  => $extra['password'] ?? '',
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "post $key: " . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	if ( isset( $extra['modified_gmt'] ) ) {
		global $wpdb;
		$wpdb->update(
			$wpdb->posts,
			array( 'post_modified_gmt' => $extra['modified_gmt'], 'post_modified' => get_date_from_gmt( $extra['modified_gmt'] ) ),
			array( 'ID' => $id )
		);
		clean_post_cache( $id );
	}
	$ids[ $key ] = $id;
	$manifest['posts'][ $key ] = array(
		'id'         => $id,
		'title'      => $title,
		'lang'       => $lang,
		'date_gmt'   => str_replace( ' ', 'T', $date_gmt ),
		'categories' => array_map( fn( $c ) => $cats[ $c ], $post_cats ),
	);
}

// ------------------------------------------------------------------ the featured image

/** A 1200x675 PNG: a skyline of blocks on a sky, drawn here (no file from elsewhere). */
function newsfront_image( $path ) {
	$w   = 1200;
	$h   = 675;
	$img = imagecreatetruecolor( $w, $h );
	imagefilledrectangle( $img, 0, 0, $w, $h, imagecolorallocate( $img, 196, 220, 236 ) );
	$ink = imagecolorallocate( $img, 52, 74, 94 );
	for ( $x = 0, $i = 0; $x < $w; $x += 90, $i++ ) {
		$top = 260 + ( ( $i * 137 ) % 240 );
		imagefilledrectangle( $img, $x + 8, $top, $x + 82, $h, $ink );
	}
	imagefilledrectangle( $img, 0, 600, $w, $h, imagecolorallocate( $img, 120, 140, 90 ) );
	imagepng( $img, $path, 9 );
	imagedestroy( $img );
}

$upload = wp_upload_dir( '2025/04' );
wp_mkdir_p( $upload['path'] );
$file = $upload['path'] . '/assembly-line.png';
newsfront_image( $file );
// Only the original: generating every thumbnail size would slow the seed for nothing.
add_filter( 'intermediate_image_sizes_advanced', '__return_empty_array' );
$attachment = wp_insert_attachment(
	array(
		'post_title'     => 'Assembly line',
		'post_excerpt'   => 'Assembly at a science-park firm – one of 40 on the new list',
		'post_mime_type' => 'image/png',
		'post_status'    => 'inherit',
	),
	$file,
	$ids['export'],
	true
);
if ( is_wp_error( $attachment ) ) {
	fwrite( STDERR, 'attachment: ' . $attachment->get_error_message() . "\n" );
	exit( 1 );
}
wp_update_attachment_metadata( $attachment, wp_generate_attachment_metadata( $attachment, $file ) );
update_post_meta( $attachment, '_wp_attachment_image_alt', 'Two technicians fit a circuit board into a grey instrument case' );
set_post_thumbnail( $ids['export'], $attachment );
$manifest['image'] = array(
	'post'    => $ids['export'],
	'id'      => $attachment,
	'url'     => wp_get_attachment_url( $attachment ),
	'alt'     => 'Two technicians fit a circuit board into a grey instrument case',
	'caption' => 'Assembly at a science-park firm – one of 40 on the new list',
	'width'   => 1200,
	'height'  => 675,
);

// ------------------------------------------------------------------ comments

$people = array(
	array( 'Farid Jalali', 'farid.j@example.org' ),
	array( 'Hamid & Nazanin', 'hamid.nazanin@example.org' ),
	array( 'Mina Rostami', 'mina.r@example.org' ),
	array( 'Daniel Weber', 'd.weber@example.net' ),
	array( 'سارا کریمی', 'sara.karimi@example.ir' ),
	array( 'Reza Tehrani', 'reza.t@example.org' ),
	array( 'Leila Ahmadi', 'leila.a@example.org' ),
	array( 'پدرام نیک‌نام', 'pedram.n@example.ir' ),
	array( 'Anna Kowalska', 'anna.k@example.eu' ),
	array( 'Omid Farahani', 'omid.f@example.org' ),
);
$ip_of = fn( $i ) => '192.0.2.' . ( 10 + $i );

/** Inserts one approved (or other) comment as it stands in the database, no checks. */
$comment = function ( $post, $who, $text, $date_gmt, $parent = 0, $approved = 1 ) use ( $people, $ip_of ) {
	list( $name, $email ) = $people[ $who ];
	$id = wp_insert_comment(
		array(
			'comment_post_ID'      => $post,
			'comment_author'       => $name,
			'comment_author_email' => $email,
			'comment_author_IP'    => $ip_of( $who ),
			'comment_content'      => $text,
			'comment_date_gmt'     => $date_gmt,
			'comment_date'         => get_date_from_gmt( $date_gmt ),
			'comment_parent'       => $parent,
			'comment_approved'     => $approved,
			'comment_agent'        => 'Seed',
			'comment_type'         => 'comment',
		)
	);
	if ( ! $id ) {
		fwrite( STDERR, "comment on $post failed\n" );
		exit( 1 );
	}
	return $id;
};

// The long thread: 60 approved comments, replies up to four deep, in both languages.
$openers = array(
	'Closing it on Fridays would finally let families walk by the water without breathing exhaust.',
	'Where are the cars supposed to go? The parallel streets are already full on Friday evenings.',
	'من هر جمعه با دوچرخه از آن‌جا می‌گذرم و این طرح را کاملاً تأیید می‌کنم.',
	'Please think of the people who live on the embankment and need to reach their garages.',
	'A trial for one summer seems reasonable. Measure the traffic, then decide.',
	'بهتر است فقط در ساعت‌های صبح بسته شود تا کسبه ضرر نکنند.',
);
$replies = array(
	'I agree, and the shops along the river would gain customers too.',
	'That is a fair point, but the same was said about the old square and it worked out.',
	'Residents could get permits. Other cities do exactly that.',
	'با این نظر موافقم؛ تجربهٔ شهرهای دیگر هم همین را نشان می‌دهد.',
	'Do we know how many cars use the embankment on a Friday? Numbers would help.',
	'The buses would need a new route, which nobody has mentioned yet.',
	'دست‌کم یک مسیر برای آمبولانس و آتش‌نشانی باید باز بماند.',
	'I walked there last Friday and it was already crowded with people.',
);
$thread = $ids['thread'];
$t0     = strtotime( '2025-04-25 10:00:00 UTC' );
// Twelve branches of five: an opener, a chain of three replies under it
// (depths 1 to 3), and a second answer to the opener.
$branch = array();
for ( $i = 0; $i < 60; $i++ ) {
	$date = gmdate( 'Y-m-d H:i:s', $t0 + $i * 1800 );
	$who  = $i % count( $people );
	$step = $i % 5;
	if ( 0 === $step ) {
		$text   = $openers[ intdiv( $i, 5 ) % count( $openers ) ];
		$parent = 0;
	} else {
		$text   = $replies[ $i % count( $replies ) ];
		$parent = 4 === $step ? $branch[0] : $branch[ $step - 1 ];
	}
	$branch[ $step ] = $comment( $thread, $who, $text . ' (' . ( $i + 1 ) . ')', $date, $parent );
}
// One held and one spam comment there too, which visitors never see.
$comment( $thread, 3, 'Held for moderation: this one must not be listed.', gmdate( 'Y-m-d H:i:s', $t0 + 200 * 1800 ), 0, 0 );
$comment( $thread, 5, 'Marked as spam: this one must not be listed either.', gmdate( 'Y-m-d H:i:s', $t0 + 201 * 1800 ), 0, 'spam' );

// A few comments elsewhere: the export post (threaded, with entities), the closed post, the bazaar.
$e1 = $comment( $ids['export'], 2, 'Does the certification grant cover testing done abroad?', '2025-04-28 12:00:00' );
$e2 = $comment( $ids['export'], 6, 'It does, if the lab is accredited in the target market.', '2025-04-28 13:30:00', $e1 );
$comment( $ids['export'], 1, 'We applied last year & got nothing; let\'s hope the shorter list helps.', '2025-04-28 15:00:00', $e2 );
$comment( $ids['export'], 4, 'این فهرست برای شرکت‌های کوچک خبر خوبی است.', '2025-04-29 07:00:00' );
$comment( $ids['export'], 9, 'Buy followers cheap, visit my site!', '2025-04-29 09:00:00', 0, 0 );
$c1 = $comment( $ids['closed'], 3, 'Good news. The water tower is a landmark for the whole district.', '2025-04-24 15:00:00' );
$comment( $ids['closed'], 6, 'The owners have promised to keep the tower lit at night.', '2025-04-24 16:00:00', $c1 );
$comment( $ids['closed'], 8, 'I hope the market keeps the rents low for small traders.', '2025-04-24 18:00:00' );
$bazaar_comment = $comment( $ids['bazaar'], 0, 'My uncle has a stall by the spice gate, and he says his sales went up by a fifth.', '2025-04-27 14:00:00' );

// ------------------------------------------------------------------ manifest

$manifest['site'] = array(
	'url'     => home_url(),
	'rest'    => rest_url(),
	'name'    => get_option( 'blogname' ),
	'admin'   => 'editor',
);
$manifest['categories'] = array();
foreach ( $cats as $key => $id ) {
	$t = get_term( $id, 'category' );
	$manifest['categories'][ $key ] = array(
		'id'          => $id,
		'name'        => $t->name,
		'slug'        => $t->slug,
		'description' => $t->description,
		'parent'      => $t->parent,
		'count'       => (int) $t->count,
	);
}
$manifest['comments'] = array(
	'thread_approved'  => 60,
	'export_approved'  => 4,
	'closed_approved'  => 3,
	'bazaar_approved'  => 1,
	'bazaar_comment'   => $bazaar_comment,
	// An author with an approved comment: WordPress publishes their next one at once.
	'approved_author'  => array( 'name' => $people[0][0], 'email' => $people[0][1] ),
	'bazaar_text'      => 'My uncle has a stall by the spice gate, and he says his sales went up by a fifth.',
	'spam_word'        => NEWSFRONT_SPAM_WORD,
	'disallowed_word'  => NEWSFRONT_DISALLOWED_WORD,
);
$manifest['hostile_payloads'] = NEWSFRONT_HOSTILE_PAYLOADS;
$manifest['password']         = 'club-members-only';

$out = getenv( 'NEWSFRONT_WP_DIR' ) . '/seed.json';
file_put_contents( $out, json_encode( $manifest, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\n" );
fwrite( STDOUT, 'seeded ' . count( $ids ) . " posts\n" );
