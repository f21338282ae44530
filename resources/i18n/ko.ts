<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CommandPalette</name>
    <message>
        <source>Open case {label}</source>
        <translation>케이스 열기 {label}</translation>
    </message>
    <message>
        <source>No command or case matches “{query}”.</source>
        <translation>“{query}”에 맞는 명령이나 케이스가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../widgets/command_palette.py" line="88"/>
        <source>Type a command…</source>
        <translation>명령 입력…</translation>
    </message>
    <message>
        <location filename="../../widgets/command_palette.py" line="89"/>
        <source>Command search</source>
        <translation>명령 검색</translation>
    </message>
    <message>
        <location filename="../../widgets/command_palette.py" line="93"/>
        <source>Commands</source>
        <translation>명령 목록</translation>
    </message>
</context>
<context>
    <name>FeedEntriesGroup</name>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Server changes not applied</source>
        <translation>서버 변경 반영 실패</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Raw text from the server</source>
        <translation>서버가 보낸 원본 텍스트</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>These changes from the server could not be stored on this computer. The rest of the sync went on; each entry clears by itself when the server sends a corrected version.</source>
        <translation>서버에서 받은 이 변경은 이 컴퓨터에 저장할 수 없었습니다. 나머지 동기화는 계속되었으며, 서버가 수정된 버전을 보내면 각 항목은 자동으로 사라집니다.</translation>
    </message>
</context>
<context>
    <name>FeedEntriesModel</name>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Not an entity</source>
        <translation>데이터 형식 오류</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Number out of range</source>
        <translation>숫자 범위 초과</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Malformed entity</source>
        <translation>데이터 구조 오류</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Invalid value</source>
        <translation>잘못된 값</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Missing field</source>
        <translation>필수 항목 누락</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Seen</source>
        <translation>수신 시각</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Entity</source>
        <translation>항목 종류</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems/feed_entries.py"/>
        <source>Field</source>
        <translation>항목</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="57"/>
        <location filename="../../ui/inbox/filter_bar.py" line="78"/>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="58"/>
        <location filename="../../ui/inbox/filter_bar.py" line="79"/>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="59"/>
        <location filename="../../ui/inbox/filter_bar.py" line="80"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="60"/>
        <location filename="../../ui/inbox/filter_bar.py" line="81"/>
        <source>Assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="61"/>
        <source>SLA state</source>
        <translation>SLA 상태</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="62"/>
        <source>Saved views</source>
        <translation>저장한 필터</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="64"/>
        <source>Search case, customer, queue…</source>
        <translation>케이스, 고객, 큐 검색…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="65"/>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="69"/>
        <source>Save view…</source>
        <translation>필터 저장…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="70"/>
        <source>Save the current filter as a view</source>
        <translation>현재 필터를 저장</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="71"/>
        <source>Delete view</source>
        <translation>필터 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="72"/>
        <source>Delete the selected saved view</source>
        <translation>선택한 저장한 필터 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="82"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="110"/>
        <location filename="../../ui/inbox/filter_bar.py" line="114"/>
        <location filename="../../ui/inbox/filter_bar.py" line="120"/>
        <source>Any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="113"/>
        <source>Active</source>
        <translation>처리 중</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="117"/>
        <source>Anyone</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="118"/>
        <source>Me</source>
        <translation>본인</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="119"/>
        <source>Unassigned</source>
        <translation>미할당</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="121"/>
        <source>At risk</source>
        <translation>위반 임박</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="122"/>
        <source>Breached</source>
        <translation>위반</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="123"/>
        <source>Paused</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="124"/>
        <location filename="../../ui/inbox/filter_bar.py" line="135"/>
        <source>All queues</source>
        <translation>모든 큐</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filter_bar.py" line="125"/>
        <location filename="../../ui/inbox/filter_bar.py" line="143"/>
        <source>Views…</source>
        <translation>저장한 필터…</translation>
    </message>
</context>
<context>
    <name>InboxAlerts</name>
    <message>
        <location filename="../../ui/inbox/alerts.py" line="69"/>
        <source>New P0 case {case} — {customer}</source>
        <translation>새 P0 케이스 {case} — {customer}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/alerts.py" line="73"/>
        <source>{n} new P0 cases</source>
        <translation>새 P0 케이스 {n}건</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/alerts.py" line="89"/>
        <source>SLA breached: {cases}</source>
        <translation>SLA 위반: {cases}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/alerts.py" line="92"/>
        <source>SLA at risk (80% used): {cases}</source>
        <translation>SLA 위반 임박 (80% 소진): {cases}</translation>
    </message>
</context>
<context>
    <name>InboxColumns</name>
    <message>
        <location filename="../../ui/inbox/columns.py" line="26"/>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="27"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="28"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="29"/>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="30"/>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="31"/>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="32"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="33"/>
        <source>Assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/columns.py" line="34"/>
        <source>Updated</source>
        <translation>갱신</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Loading cases… {done} changes so far</source>
        <translation>케이스를 불러오는 중… 지금까지 {done}건</translation>
    </message>
    <message>
        <source>Loading cases… {done} of {total}</source>
        <translation>케이스를 불러오는 중… {total}건 중 {done}건</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="70"/>
        <source>Loading cases…</source>
        <translation>케이스를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="87"/>
        <source>Case inbox</source>
        <translation>업무함</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="115"/>
        <source>Inbox</source>
        <translation>업무함</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="151"/>
        <source>No cases match these filters.</source>
        <translation>이 필터에 맞는 케이스가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="152"/>
        <source>{n} cases</source>
        <translation>{n}건</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="200"/>
        <source>{n}+ cases</source>
        <translation>{n}건 이상</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="288"/>
        <source>Save view</source>
        <translation>필터 저장</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="289"/>
        <source>Name of this view:</source>
        <translation>필터 이름:</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/app.py" line="87"/>
        <source>Sign-in refused: {why}</source>
        <translation>로그인 실패: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="94"/>
        <source>Cannot reach the server: {why}</source>
        <translation>서버에 연결할 수 없습니다: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="32"/>
        <source>Sign in — Reviewer Workstation</source>
        <translation>로그인 — 검토자 워크스테이션</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="35"/>
        <source>Server URL</source>
        <translation>서버 URL</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="38"/>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <location filename="../../ui/login_dialog.py" line="59"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="42"/>
        <source>Keep me signed in on this computer</source>
        <translation>이 컴퓨터에서 로그인 유지</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="43"/>
        <source>Remember me</source>
        <translation>로그인 유지</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="44"/>
        <source>Stores only the access token, in the system keyring.</source>
        <translation>시스템 키링에 액세스 토큰만 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="53"/>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="55"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="57"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="58"/>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="75"/>
        <source>Enter the server, your user name and your password.</source>
        <translation>서버, 사용자 이름, 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>Signing in…</source>
        <translation>로그인 중…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Read new transcript lines aloud</source>
        <translation>새 상담 내용 줄 읽어 주기</translation>
    </message>
    <message>
        <source>Back one pane</source>
        <translation>이전 영역</translation>
    </message>
    <message>
        <source>Next pane</source>
        <translation>다음 영역</translation>
    </message>
    <message>
        <source>Ask a decision question</source>
        <translation>의사결정 질문하기</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48"/>
        <location filename="../../ui/main_window.py" line="93"/>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>Reviewer Workstation</source>
        <translation>검토자 워크스테이션</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Command palette</source>
        <translation>명령 팔레트</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Next case</source>
        <translation>다음 케이스</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>Previous case</source>
        <translation>이전 케이스</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>Next task</source>
        <translation>다음 케이스 가져오기</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>Sign out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <source>Time zone…</source>
        <translation>시간대…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>Go to {page}</source>
        <translation>{page}로 이동</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>You do not have access to {page}.</source>
        <translation>{page}에 접근할 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>No open task for you right now.</source>
        <translation>지금 처리할 태스크가 없습니다.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Approvals</source>
        <translation>승인 대기함</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="35"/>
        <source>Inbox</source>
        <translation>업무함</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="37"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="38"/>
        <source>Live call</source>
        <translation>실시간 통화</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="40"/>
        <source>Appeals</source>
        <translation>이의 제기</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="44"/>
        <source>Decisions</source>
        <translation>의사결정</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="49"/>
        <source>Checkpoints</source>
        <translation>체크포인트</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="52"/>
        <source>QA</source>
        <translation>품질 관리(QA)</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="53"/>
        <source>Queue wall</source>
        <translation>큐 현황판</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="55"/>
        <source>Sync problems</source>
        <translation>동기화 문제</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>운영 관리</translation>
    </message>
    <message>
        <source>ChatOps</source>
        <translation>챗옵스</translation>
    </message>
</context>
<context>
    <name>NotificationBanner</name>
    <message>
        <location filename="../../widgets/banner.py" line="39"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../widgets/banner.py" line="41"/>
        <source>Open the item of this notification</source>
        <translation>이 알림의 항목 열기</translation>
    </message>
    <message>
        <location filename="../../widgets/banner.py" line="43"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../widgets/banner.py" line="44"/>
        <source>Dismiss notification</source>
        <translation>알림 닫기</translation>
    </message>
    <message>
        <location filename="../../widgets/banner.py" line="81"/>
        <source> (+{n} more)</source>
        <translation> (외 {n}건)</translation>
    </message>
</context>
<context>
    <name>ShellStatusBar</name>
    <message>
        <source>● Loading {done}…</source>
        <translation>● 불러오는 중 {done}건…</translation>
    </message>
    <message>
        <source>● Loading {done} of {total}</source>
        <translation>● 불러오는 중 {total}건 중 {done}건</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="24"/>
        <source>Connection state</source>
        <translation>연결 상태</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="26"/>
        <source>Signed-in user</source>
        <translation>로그인 사용자</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="28"/>
        <source>Last sync</source>
        <translation>마지막 동기화</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="30"/>
        <source>Actions waiting to sync</source>
        <translation>동기화 대기 중인 조치</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="33"/>
        <source>Open sync problems</source>
        <translation>동기화 문제 열기</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="46"/>
        <source>● Offline — working from local data</source>
        <translation>● 오프라인 — 이 컴퓨터에 저장된 데이터로 작업 중</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="47"/>
        <source>● Connecting…</source>
        <translation>● 연결 중…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="48"/>
        <source>● Syncing…</source>
        <translation>● 동기화 중…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="49"/>
        <source>● Online</source>
        <translation>● 온라인</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="50"/>
        <source>● Sync needs attention</source>
        <translation>● 동기화 확인 필요</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="62"/>
        <source>never</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="63"/>
        <source>Last sync: {when}</source>
        <translation>마지막 동기화: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="66"/>
        <source>Pending actions: {n}</source>
        <translation>대기 중인 조치: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67"/>
        <source>Sync problems ({n})</source>
        <translation>동기화 문제 ({n})</translation>
    </message>
</context>
<context>
    <name>SlaCountdown</name>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="64"/>
        <source>Paused · {left}</source>
        <translation>일시정지 · {left}</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="68"/>
        <source>{late} over</source>
        <translation>{late} 초과</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="75"/>
        <source>SLA: {state} ({pct}% used)</source>
        <translation>SLA: {state} ({pct}% 소진)</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="78"/>
        <source>Remaining (calendar): {left}</source>
        <translation>남은 시간(실제 시간): {left}</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="81"/>
        <source>Remaining (business hours): {left}</source>
        <translation>남은 시간(업무 시간): {left}</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_countdown.py" line="84"/>
        <source>Due: {due} ({zone})</source>
        <translation>기한: {due} ({zone})</translation>
    </message>
</context>
<context>
    <name>AppealForms</name>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="42"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="43"/>
        <source>A rejected case, e.g. C-102</source>
        <translation>거부된 케이스, 예: C-102</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="45"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="48"/>
        <source>Evidence</source>
        <translation>증빙</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="51"/>
        <source>Comma-separated documents</source>
        <translation>쉼표로 구분한 서류</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="58"/>
        <source>Uphold (keep the decision)</source>
        <translation>유지 (원래 결정 유지)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="59"/>
        <source>Overturn (approve)</source>
        <translation>번복 (승인)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="62"/>
        <source>Partial (approve with conditions)</source>
        <translation>조건부 승인</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="66"/>
        <source>Resolution</source>
        <translation>처리 결과</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="67"/>
        <source>Message to the customer</source>
        <translation>고객 안내 메시지</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="70"/>
        <source>Reason codes</source>
        <translation>사유 코드</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="74"/>
        <source>Limit</source>
        <translation>한도</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="76"/>
        <source>Rate (%)</source>
        <translation>금리 (%)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="78"/>
        <source>Conditions</source>
        <translation>조건</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="89"/>
        <source>Submit an appeal</source>
        <translation>이의 제기 접수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/forms.py" line="120"/>
        <source>Resolve the appeal</source>
        <translation>이의 제기 결정</translation>
    </message>
</context>
<context>
    <name>AppealsModel</name>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="63"/>
        <source>Appeal</source>
        <translation>이의 제기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="64"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="65"/>
        <source>Submitted</source>
        <translation>접수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="66"/>
        <source>By</source>
        <translation>접수자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="67"/>
        <source>Decided by</source>
        <translation>결정자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/model.py" line="68"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>AppealsPage</name>
    <message>
        <source>Overturn the decision on case {case} (appeal {id})?

The denial is reversed and the case is approved; this cannot be taken back.</source>
        <translation>케이스 {case}의 결정을 번복할까요? (이의 제기 {id})

거부가 취소되고 케이스가 승인됩니다. 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Appeal {id} resolved — waiting to sync.</source>
        <translation>이의 제기 {id}를 처리했습니다 — 동기화 대기 중.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="50"/>
        <source>Original decision</source>
        <translation>원래 결정</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="51"/>
        <source>Appeal</source>
        <translation>이의 제기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="72"/>
        <source>Open appeals</source>
        <translation>미결 이의 제기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="82"/>
        <source>Senior-review queue</source>
        <translation>선임 검토 큐</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="90"/>
        <source>On behalf of the customer</source>
        <translation>고객 대신 접수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="109"/>
        <source>Appeals</source>
        <translation>이의 제기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="120"/>
        <source>{n} open appeals</source>
        <translation>미결 이의 제기 {n}건</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="147"/>
        <source>Original decision — case {id}</source>
        <translation>원래 결정 — 케이스 {id}</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="151"/>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="153"/>
        <source>Improvement advice</source>
        <translation>개선 방안</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="157"/>
        <source>Appeal {id}</source>
        <translation>이의 제기 {id}</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="160"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="161"/>
        <source>Evidence</source>
        <translation>증빙</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="162"/>
        <source>Submitted by</source>
        <translation>접수자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="163"/>
        <source>Submitted at</source>
        <translation>접수 시각</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="164"/>
        <source>Appeal window closes</source>
        <translation>이의 제기 기한</translation>
    </message>
    <message>
        <location filename="../work/main/ui/appeals/page.py" line="165"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="55"/>
        <location filename="../work/main/ui/case/actions.py" line="70"/>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="56"/>
        <location filename="../work/main/ui/case/actions.py" line="71"/>
        <source>Deny</source>
        <translation>거부</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="57"/>
        <source>Request documents</source>
        <translation>서류 요청</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="58"/>
        <source>Escalate</source>
        <translation>에스컬레이션</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="59"/>
        <source>Comment</source>
        <translation>코멘트</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="60"/>
        <source>Documents received</source>
        <translation>서류 접수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="61"/>
        <source>Close case</source>
        <translation>케이스 종료</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="62"/>
        <source>Assign</source>
        <translation>할당</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="78"/>
        <source>Comma-separated, e.g. A01, A02</source>
        <translation>쉼표로 구분, 예: A01, A02</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="79"/>
        <source>YYYY-MM-DD</source>
        <translation>예: 2026-12-02</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="80"/>
        <source>KRW, e.g. 30,000,000</source>
        <translation>원 단위, 예: 30,000,000</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/actions.py" line="81"/>
        <source>Percent, e.g. 4.5</source>
        <translation>퍼센트, 예: 4.5</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>{action}: saved for case {id} — waiting to sync.</source>
        <translation>{action}: 케이스 {id}에 저장했습니다 — 동기화 대기 중.</translation>
    </message>
    <message>
        <source>Case page</source>
        <translation>케이스 페이지</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="67"/>
        <source>No case open</source>
        <translation>열린 케이스 없음</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="86"/>
        <source>Decision context</source>
        <translation>자동 결정 정보</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="87"/>
        <source>Application</source>
        <translation>신청 내용</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="88"/>
        <source>Credit and income</source>
        <translation>신용 및 소득</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="89"/>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="90"/>
        <source>Review outcome</source>
        <translation>검토 결과</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="91"/>
        <source>Documents</source>
        <translation>서류</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="92"/>
        <source>Tasks</source>
        <translation>태스크</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="93"/>
        <source>Related appeals</source>
        <translation>관련 이의 제기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="96"/>
        <source>Unmask identifiers</source>
        <translation>마스킹 해제</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="136"/>
        <source>All actions</source>
        <translation>전체 조치</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="143"/>
        <source>Choose an action above or press its key: A approve, D deny, R request documents, E escalate, C comment. J / K: next / previous case.</source>
        <translation>위에서 조치를 선택하거나 단축키를 누르세요: A 승인, D 거부, R 서류 요청, E 에스컬레이션, C 코멘트. J / K: 다음 / 이전 케이스.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="190"/>
        <source>Action</source>
        <translation>조치</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="196"/>
        <location filename="../work/main/ui/case/page.py" line="205"/>
        <source>Notes, comments and audit trail</source>
        <translation>메모, 코멘트 및 감사 기록</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="229"/>
        <source>Case {id} has not arrived yet; it opens as soon as it syncs</source>
        <translation>아직 동기화되지 않은 케이스입니다: {id}. 도착하는 대로 열립니다</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="251"/>
        <source>Case {id} · {name}</source>
        <translation>케이스 {id} · {name}</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="259"/>
        <source>⟳ Pending sync ({n})</source>
        <translation>⟳ 동기화 대기 ({n})</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/page.py" line="259"/>
        <source>✓ Synced</source>
        <translation>✓ 동기화됨</translation>
    </message>
</context>
<context>
    <name>CaseSections</name>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="19"/>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="19"/>
        <source>No</source>
        <translation>아니오</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="48"/>
        <source>fraud suspected</source>
        <translation>사기 의심</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="49"/>
        <source>system error</source>
        <translation>시스템 오류</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="50"/>
        <source>policy exception</source>
        <translation>정책 예외</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="51"/>
        <source>missing information</source>
        <translation>정보 누락</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="56"/>
        <source>Automatic decision</source>
        <translation>자동 결정</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="57"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="58"/>
        <location filename="../work/main/ui/case/sections.py" line="136"/>
        <source>Reason codes</source>
        <translation>사유 코드</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="59"/>
        <source>Model version</source>
        <translation>모델 버전</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="60"/>
        <source>Policy version</source>
        <translation>정책 버전</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="61"/>
        <source>Flags</source>
        <translation>특이 사항</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="63"/>
        <source>Legal deadline</source>
        <translation>법정 기한</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="72"/>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="73"/>
        <source>Product</source>
        <translation>상품</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="74"/>
        <source>Purpose</source>
        <translation>용도</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="76"/>
        <source>Term</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="77"/>
        <source>{n} months</source>
        <translation>{n}개월</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="81"/>
        <source>Collateral</source>
        <translation>담보</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="82"/>
        <source>Collateral value</source>
        <translation>담보 가치</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="83"/>
        <source>Inquiry only</source>
        <translation>단순 문의</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="91"/>
        <source>Credit score</source>
        <translation>신용 점수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="94"/>
        <source>Annual income</source>
        <translation>연 소득</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="95"/>
        <source>DTI</source>
        <translation>DTI</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="96"/>
        <source>Employment</source>
        <translation>고용 형태</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="97"/>
        <source>Self-employed</source>
        <translation>자영업</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="98"/>
        <source>Delinquencies</source>
        <translation>연체 횟수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="99"/>
        <source>Years with the bank</source>
        <translation>거래 기간(년)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="110"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="111"/>
        <source>Customer ID</source>
        <translation>고객 번호</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="112"/>
        <source>Account</source>
        <translation>계좌</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="113"/>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="114"/>
        <source>Resident ID</source>
        <translation>주민등록번호</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="115"/>
        <source>Tier</source>
        <translation>등급</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="122"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="124"/>
        <source>Final decision</source>
        <translation>최종 결정</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="128"/>
        <source>Decided by</source>
        <translation>결정자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="131"/>
        <source>Decided at</source>
        <translation>결정 시각</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="133"/>
        <source>Approved terms</source>
        <translation>승인 조건</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="137"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="138"/>
        <source>Resolution</source>
        <translation>처리 결과</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="146"/>
        <source>received {at}</source>
        <translation>{at} 접수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="150"/>
        <source>requested {at}</source>
        <translation>{at} 요청</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="155"/>
        <source>Deadline</source>
        <translation>제출 기한</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="157"/>
        <source>Documents</source>
        <translation>서류</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="157"/>
        <source>none requested</source>
        <translation>요청 없음</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="165"/>
        <source>unassigned</source>
        <translation>미할당</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="171"/>
        <source>Tasks</source>
        <translation>태스크</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="171"/>
        <location filename="../work/main/ui/case/sections.py" line="179"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/sections.py" line="179"/>
        <source>Appeals</source>
        <translation>이의 제기</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../work/main/ui/sync_problems/model.py" line="75"/>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/model.py" line="76"/>
        <source>Action</source>
        <translation>조치</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/model.py" line="77"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/model.py" line="78"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/model.py" line="79"/>
        <source>Server's reason</source>
        <translation>서버 사유</translation>
    </message>
</context>
<context>
    <name>QAModels</name>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="29"/>
        <location filename="../work/main/ui/qa/models.py" line="117"/>
        <source>Excellent</source>
        <translation>우수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="30"/>
        <location filename="../work/main/ui/qa/models.py" line="118"/>
        <source>Good</source>
        <translation>양호</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="31"/>
        <location filename="../work/main/ui/qa/models.py" line="119"/>
        <source>Needs improvement</source>
        <translation>개선 필요</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="32"/>
        <location filename="../work/main/ui/qa/models.py" line="120"/>
        <source>Poor</source>
        <translation>미흡</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="77"/>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="78"/>
        <source>Sampled as</source>
        <translation>선정 사유</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="79"/>
        <source>Decided by</source>
        <translation>결정자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="80"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="81"/>
        <source>Total</source>
        <translation>총점</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="82"/>
        <source>Band</source>
        <translation>등급</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="114"/>
        <source>Reviewer</source>
        <translation>검토자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="115"/>
        <source>Reviews</source>
        <translation>검토 수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/models.py" line="116"/>
        <source>Average</source>
        <translation>평균</translation>
    </message>
</context>
<context>
    <name>QAPage</name>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="81"/>
        <source>Run sample</source>
        <translation>샘플 추출</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="99"/>
        <source>Save review (Ctrl+Enter)</source>
        <translation>검토 저장 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="118"/>
        <source>New reviewer</source>
        <translation>신규 검토자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="119"/>
        <source>Borderline score</source>
        <translation>경계 점수</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="120"/>
        <source>Complex case</source>
        <translation>복잡 케이스</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="121"/>
        <source>High amount</source>
        <translation>고액</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="122"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="123"/>
        <source>Appealed</source>
        <translation>이의 제기됨</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="127"/>
        <source>Weekly sample: 5 % random + targeted</source>
        <translation>주간 샘플: 무작위 5% + 중점 대상</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="129"/>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="131"/>
        <source>To (exclusive)</source>
        <translation>종료 (미포함)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="137"/>
        <source>Targets:</source>
        <translation>중점 대상:</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="143"/>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="148"/>
        <source>Total and band</source>
        <translation>총점 및 등급</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="149"/>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="152"/>
        <source>QA tasks</source>
        <translation>QA 태스크</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="159"/>
        <source>Results per reviewer</source>
        <translation>검토자별 결과</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="161"/>
        <source>Quality assurance</source>
        <translation>품질 관리(QA)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="172"/>
        <source>Procedure</source>
        <translation>절차</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="173"/>
        <source>Judgement</source>
        <translation>판단</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="174"/>
        <source>Documentation</source>
        <translation>문서화</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="175"/>
        <source>Timeliness</source>
        <translation>적시성</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="176"/>
        <source>Communication</source>
        <translation>소통</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="208"/>
        <source>Picked {n} of {m} decided cases (seed {seed}); pending sync.</source>
        <translation>결정된 케이스 {m}건 중 {n}건을 선정했습니다 (시드 {seed}). 동기화 대기 중입니다.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="249"/>
        <source>Case {case} · sampled as {reason}</source>
        <translation>케이스 {case} · 선정 사유 {reason}</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="253"/>
        <source>Select a QA task to score it.</source>
        <translation>채점할 QA 태스크를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/qa/page.py" line="276"/>
        <source>Seed: {seed}</source>
        <translation>시드: {seed}</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../work/main/ui/case/panels.py" line="75"/>
        <source>No SLA</source>
        <translation>SLA 없음</translation>
    </message>
</context>
<context>
    <name>SubmitForm</name>
    <message>
        <source>Please confirm</source>
        <translation>확인해 주세요</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>돌아가기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/action_form.py" line="55"/>
        <source>Submit (Ctrl+Enter)</source>
        <translation>제출 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/action_form.py" line="57"/>
        <source>Cancel (Esc)</source>
        <translation>취소 (Esc)</translation>
    </message>
</context>
<context>
    <name>SyncProblemsPage</name>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="53"/>
        <source>Server's answer</source>
        <translation>서버 응답</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="54"/>
        <source>Field errors</source>
        <translation>항목별 오류</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="55"/>
        <source>Your original input</source>
        <translation>원래 입력값</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="59"/>
        <source>No sync problems: everything you did reached the server.</source>
        <translation>동기화 문제가 없습니다: 모든 조치가 서버에 반영되었습니다.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="62"/>
        <source>Retry as a new action</source>
        <translation>새 조치로 재시도</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="64"/>
        <source>Copy to a new draft</source>
        <translation>새 초안으로 복사</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="66"/>
        <source>Discard</source>
        <translation>폐기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="68"/>
        <source>Open case</source>
        <translation>케이스 열기</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="81"/>
        <location filename="../work/main/ui/sync_problems/page.py" line="116"/>
        <source>Sync problems</source>
        <translation>동기화 문제</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="106"/>
        <source>Refused actions</source>
        <translation>반영 실패한 조치</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="120"/>
        <source>The server refused these actions. Nothing you typed is lost: retry it against the case as it is now, copy it into a new draft, or discard it (recorded).</source>
        <translation>서버가 이 조치들을 반영하지 않았습니다. 입력한 내용은 사라지지 않습니다. 현재 케이스 상태로 재시도하거나, 새 초안으로 복사하거나, 폐기할 수 있습니다(폐기도 기록됩니다).</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="158"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="159"/>
        <source>Detail</source>
        <translation>상세</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="160"/>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="161"/>
        <source>Request</source>
        <translation>요청</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="164"/>
        <source>Fields</source>
        <translation>항목</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="178"/>
        <source>Not possible: {why}</source>
        <translation>할 수 없습니다: {why}</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="192"/>
        <source>Retried as a new action; pending sync.</source>
        <translation>새 조치로 재시도했습니다. 동기화 대기 중입니다.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="201"/>
        <source>Copied to a draft: the {intent} form of {id} opens with it.</source>
        <translation>초안으로 복사했습니다: {id}의 {intent} 양식이 이 내용으로 열립니다.</translation>
    </message>
    <message>
        <location filename="../work/main/ui/sync_problems/page.py" line="217"/>
        <source>Discarded; the case timeline records it.</source>
        <translation>폐기했습니다. 케이스 타임라인에 기록됩니다.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../work/main/ui/case/timeline.py" line="50"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/timeline.py" line="50"/>
        <source>Who</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/timeline.py" line="50"/>
        <source>What</source>
        <translation>구분</translation>
    </message>
    <message>
        <location filename="../work/main/ui/case/timeline.py" line="50"/>
        <source>Details</source>
        <translation>내용</translation>
    </message>
</context>
<context>
    <name>AfterCallWorkPanel</name>
    <message>
        <source>After-call work</source>
        <translation>후처리</translation>
    </message>
    <message>
        <source>Summary of the call</source>
        <translation>통화 요약</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Draft from transcript</source>
        <translation>대화 내용으로 요약 작성</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>상담 결과</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>What happens next, and who does it</source>
        <translation>후속 조치와 담당자</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <source>Callback at</source>
        <translation>콜백 시각</translation>
    </message>
    <message>
        <source>Linked case</source>
        <translation>연결된 케이스</translation>
    </message>
    <message>
        <source>Case id (optional)</source>
        <translation>케이스 ID (선택)</translation>
    </message>
    <message>
        <source>Ask for a new case</source>
        <translation>신규 케이스 요청</translation>
    </message>
    <message>
        <source>Save after-call work</source>
        <translation>후처리 저장</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>콜백</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <source>Wrap-up {elapsed}</source>
        <translation>후처리 {elapsed}</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Helpful</source>
        <translation>도움됨</translation>
    </message>
    <message>
        <source>Not helpful</source>
        <translation>도움 안 됨</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Thanks ✓</source>
        <translation>의견 감사합니다 ✓</translation>
    </message>
</context>
<context>
    <name>CallPage</name>
    <message>
        <source>There is no after-call summary to add to.</source>
        <translation>추가할 통화 요약이 없습니다.</translation>
    </message>
    <message>
        <source>Already in the summary: {title}</source>
        <translation>이미 요약에 있습니다: {title}</translation>
    </message>
    <message>
        <source>Added to the summary: {title}</source>
        <translation>요약에 추가했습니다: {title}</translation>
    </message>
    <message>
        <source>Article: {title} ({id})</source>
        <translation>참고 문서: {title} ({id})</translation>
    </message>
    <message>
        <source>Your state: {state}</source>
        <translation>내 상태: {state}</translation>
    </message>
    <message>
        <source>Not connected: your state can change once the connection is back.</source>
        <translation>연결되어 있지 않습니다. 연결이 돌아오면 상태를 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Your state can change after the call and its after-call work.</source>
        <translation>통화와 후처리가 끝난 뒤에 상태를 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Your state</source>
        <translation>내 상태</translation>
    </message>
    <message>
        <source>Wrap-up time is over. Your after-call work is kept: save it to take the next call.</source>
        <translation>후처리 시간이 끝났습니다. 작성한 후처리 내용은 보관되어 있습니다. 저장하면 다음 통화를 받습니다.</translation>
    </message>
    <message>
        <source>{state} · next call waiting</source>
        <translation>{state} · 다음 통화 대기 중</translation>
    </message>
    <message>
        <source>Next call waiting. Save the after-call work to take it.</source>
        <translation>다음 통화가 대기 중입니다. 후처리를 저장하면 연결됩니다.</translation>
    </message>
    <message>
        <source>Live call</source>
        <translation>실시간 통화</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>진행 중인 통화</translation>
    </message>
    <message>
        <source>⚠ Offline — transcript kept, catching up on reconnect</source>
        <translation>⚠ 오프라인 — 대화 내용은 유지되며 재연결 시 이어받습니다</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>수신 중</translation>
    </message>
    <message>
        <source>on call</source>
        <translation>통화 중</translation>
    </message>
    <message>
        <source>wrap-up</source>
        <translation>후처리 중</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>No call assigned to you yet. It opens here when one is connected.</source>
        <translation>아직 배정된 통화가 없습니다. 통화가 연결되면 여기에 열립니다.</translation>
    </message>
    <message>
        <source>No live call. Pick one from the list when calls come in.</source>
        <translation>진행 중인 통화가 없습니다. 통화가 들어오면 목록에서 선택하세요.</translation>
    </message>
    <message>
        <source>The call ended — after-call work is open.</source>
        <translation>통화가 끝났습니다 — 후처리를 진행하세요.</translation>
    </message>
    <message>
        <source>After-call work saved.</source>
        <translation>후처리가 저장되었습니다.</translation>
    </message>
    <message>
        <source>New call assigned: {name}</source>
        <translation>새 통화 배정: {name}</translation>
    </message>
    <message>
        <source>Connection lost. The transcript is kept; missing turns arrive on reconnect.</source>
        <translation>연결이 끊겼습니다. 대화 내용은 유지되며, 빠진 발화는 재연결 시 도착합니다.</translation>
    </message>
    <message>
        <source>Customer sentiment is turning negative (trend {trend:+.2f}).</source>
        <translation>고객 감정이 부정적으로 바뀌고 있습니다 (추세 {trend:+.2f}).</translation>
    </message>
    <message>
        <source>Saved — waiting to sync.</source>
        <translation>저장됨 — 동기화 대기 중.</translation>
    </message>
    <message>
        <source>Supervisor flagged.</source>
        <translation>슈퍼바이저에게 알렸습니다.</translation>
    </message>
    <message>
        <source>Call escalated to the supervisor.</source>
        <translation>통화를 슈퍼바이저에게 에스컬레이션했습니다.</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>No earlier calls or cases</source>
        <translation>이전 통화나 케이스가 없습니다</translation>
    </message>
    <message>
        <source>Prior interactions</source>
        <translation>이전 상담 이력</translation>
    </message>
    <message>
        <source>No open cases</source>
        <translation>진행 중인 케이스 없음</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>콜 플로우</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>진행 중인 케이스</translation>
    </message>
    <message>
        <source>■ MSP customer</source>
        <translation>■ MSP 고객</translation>
    </message>
    <message>
        <source>● General customer</source>
        <translation>● 일반 고객</translation>
    </message>
    <message>
        <source>◆ VIP customer</source>
        <translation>◆ VIP 고객</translation>
    </message>
    <message>
        <source>○ Unregistered caller</source>
        <translation>○ 미등록 고객</translation>
    </message>
    <message>
        <source>MSP</source>
        <translation>MSP</translation>
    </message>
    <message>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>After hours</source>
        <translation>업무시간 외</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>긴급 장애</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>통화 없음</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>알 수 없는 발신자</translation>
    </message>
    <message>
        <source>Masked: only the last 4 digits are shown</source>
        <translation>마스킹됨: 마지막 4자리만 표시합니다</translation>
    </message>
</context>
<context>
    <name>SentimentChart</name>
    <message>
        <source>time in call</source>
        <translation>통화 경과 시간</translation>
    </message>
    <message>
        <source>Sentiment over the call</source>
        <translation>통화 중 감정 변화</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>중립</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>Customer trend</source>
        <translation>고객 감정 추세</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>알림 기준</translation>
    </message>
</context>
<context>
    <name>SentimentPane</name>
    <message>
        <source>Call ended</source>
        <translation>통화 종료</translation>
    </message>
    <message>
        <source>Call ended · last mood: {mood}</source>
        <translation>통화 종료 · 마지막 감정: {mood}</translation>
    </message>
    <message>
        <source>Customer mood now</source>
        <translation>현재 고객 감정</translation>
    </message>
    <message>
        <source>Flag supervisor</source>
        <translation>슈퍼바이저 호출</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>에스컬레이션</translation>
    </message>
    <message>
        <source>Flagged ✓</source>
        <translation>호출함 ✓</translation>
    </message>
    <message>
        <source>Escalated ✓</source>
        <translation>에스컬레이션함 ✓</translation>
    </message>
    <message>
        <source>Waiting for the customer</source>
        <translation>고객 발화 대기 중</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>중립</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <source>⚠ The customer is turning negative (trend {trend:+.2f}).</source>
        <translation>⚠ 고객 감정이 부정적으로 바뀌고 있습니다 (추세 {trend:+.2f}).</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <source>Add to summary</source>
        <translation>요약에 추가</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>오프라인 검색</translation>
    </message>
</context>
<context>
    <name>SuggestionsPane</name>
    <message>
        <source>Adds the selected article's title and id to the summary (Ctrl+Enter)</source>
        <translation>선택한 문서의 제목과 ID를 통화 요약에 넣습니다 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Suggested articles</source>
        <translation>추천 지식 문서</translation>
    </message>
    <message>
        <source>Suggestions appear as the customer speaks.</source>
        <translation>고객이 말하는 동안 추천 문서가 표시됩니다.</translation>
    </message>
    <message>
        <source>from the server</source>
        <translation>서버 추천</translation>
    </message>
    <message>
        <source>from the local index</source>
        <translation>오프라인 검색</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Who said what, and when</source>
        <translation>말한 사람, 내용과 시각</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>이전 일치 항목</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>다음 일치 항목</translation>
    </message>
    <message>
        <source>Call transcript</source>
        <translation>통화 대화 내용</translation>
    </message>
    <message>
        <source>↓ Jump to live</source>
        <translation>↓ 실시간으로 이동</translation>
    </message>
    <message>
        <source>Follow the conversation again (End)</source>
        <translation>대화를 다시 따라갑니다 (End)</translation>
    </message>
    <message>
        <source>Find in call (Ctrl+F)</source>
        <translation>통화 내 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find in call</source>
        <translation>통화 내 검색</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>이전 결과 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>다음 결과 (Enter)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>결과 없음</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>{n} / {total}</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>중립</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <source>speaking…</source>
        <translation>말하는 중…</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
</context>
<context>
    <name>ApprovalForm</name>
    <message>
        <source>Approval</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>approval timeout</source>
        <translation>승인 기한</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Approve with changes</source>
        <translation>수정 후 승인</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>에스컬레이션</translation>
    </message>
    <message>
        <source>Why this decision (required)</source>
        <translation>결정 근거 (필수)</translation>
    </message>
    <message>
        <source>One condition a line</source>
        <translation>조건을 한 줄에 하나씩</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>결정</translation>
    </message>
    <message>
        <source>Approval level</source>
        <translation>승인 권한</translation>
    </message>
    <message>
        <source>Selected option</source>
        <translation>선택한 대안</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>결정 근거</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>조건</translation>
    </message>
    <message>
        <source>Submit decision (Ctrl+Enter)</source>
        <translation>결정 제출 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>To submit: {decision} · {option}</source>
        <translation>제출할 내용: {decision} · {option}</translation>
    </message>
    <message>
        <source>no option selected</source>
        <translation>선택한 대안 없음</translation>
    </message>
    <message>
        <source>Reason for escalating</source>
        <translation>에스컬레이션 사유</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>No approval request for this execution.</source>
        <translation>이 실행에는 승인 요청이 없습니다.</translation>
    </message>
    <message>
        <source> · pending sync</source>
        <translation> · 동기화 대기</translation>
    </message>
    <message>
        <source>&lt;b&gt;{id}&lt;/b&gt; · {status} · needs &lt;b&gt;{level}&lt;/b&gt; · yours: {mine}{sync}</source>
        <translation>&lt;b&gt;{id}&lt;/b&gt; · {status} · 필요 권한 &lt;b&gt;{level}&lt;/b&gt; · 내 권한: {mine}{sync}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Escalate to {level}</source>
        <translation>{level}으로 에스컬레이션</translation>
    </message>
    <message>
        <source>Escalating needs the operations admin role.</source>
        <translation>에스컬레이션은 운영 관리자 역할이 필요합니다.</translation>
    </message>
    <message>
        <source> (local preview until the server confirms)</source>
        <translation> (서버 확인 전 미리보기)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decision log&lt;/b&gt;{where}&lt;br&gt;{status} · option {option} {name}&lt;br&gt;Rationale: {why}{conditions}&lt;br&gt;Decided {at}</source>
        <translation>&lt;b&gt;의사결정 로그&lt;/b&gt;{where}&lt;br&gt;{status} · 대안 {option} {name}&lt;br&gt;근거: {why}{conditions}&lt;br&gt;결정 시각 {at}</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>Kind</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Approval level</source>
        <translation>승인 권한</translation>
    </message>
    <message>
        <source>Time left (24 h)</source>
        <translation>남은 시간 (24시간)</translation>
    </message>
    <message>
        <source>expired {time} ago (E007)</source>
        <translation>{time} 전 만료 (E007)</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>생성 콘텐츠</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>의사결정</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>Request details</source>
        <translation>요청 내용</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Approval requests</source>
        <translation>승인 요청</translation>
    </message>
    <message>
        <source>not in the KPI store</source>
        <translation>KPI 데이터스토어에 없음</translation>
    </message>
    <message>
        <source>approving needs a note, recorded as the override reason</source>
        <translation>승인하려면 사유를 입력하세요 (재정의 사유로 기록됩니다)</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>승인 대기함</translation>
    </message>
    <message>
        <source>Recommended: {option}</source>
        <translation>추천안: {option}</translation>
    </message>
    <message>
        <source>Note (required to reject or request changes)</source>
        <translation>메모 (거절·수정 요청 시 필수)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>수정 요청</translation>
    </message>
    <message>
        <source>Open decision</source>
        <translation>의사결정 열기</translation>
    </message>
    <message>
        <source>Nothing is waiting for approval.</source>
        <translation>승인 대기 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Open the decision to compare the options and respond.</source>
        <translation>의사결정을 열어 대안을 비교하고 응답하세요.</translation>
    </message>
    <message>
        <source>Fact-check: no check yet</source>
        <translation>사실 확인: 아직 없음</translation>
    </message>
    <message>
        <source>Fact-check passed</source>
        <translation>사실 확인 통과</translation>
    </message>
    <message>
        <source>Fact-check: {n} mismatch(es)</source>
        <translation>사실 확인: 불일치 {n}건</translation>
    </message>
</context>
<context>
    <name>CheckpointPage</name>
    <message>
        <source>&lt;b&gt;Feedback saved&lt;/b&gt;</source>
        <translation>&lt;b&gt;피드백 저장됨&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Checkpoint form</source>
        <translation>체크포인트 양식</translation>
    </message>
    <message>
        <source>No open checkpoint.</source>
        <translation>열린 체크포인트가 없습니다.</translation>
    </message>
    <message>
        <source>Event checkpoint {id}</source>
        <translation>이벤트 체크포인트 {id}</translation>
    </message>
    <message>
        <source>Scheduled checkpoint {id}</source>
        <translation>정기 체크포인트 {id}</translation>
    </message>
    <message>
        <source>Status: {status} · cadence {cadence} · answered by {who}</source>
        <translation>상태: {status} · 주기 {cadence} · 응답자 {who}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Observation summary (OW: {start} ~ {end})&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;관찰 요약 (관찰 기간: {start} ~ {end})&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signal summary&lt;/b&gt;</source>
        <translation>&lt;b&gt;신호 요약&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Evidence: {evidence}&lt;br&gt;Impact: {impact}&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;근거: {evidence}&lt;br&gt;영향: {impact}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-3 patterns&lt;/b&gt;</source>
        <translation>&lt;b&gt;상위 3개 패턴&lt;/b&gt;</translation>
    </message>
    <message>
        <source>⚠ ALERT: Critical anomaly detected</source>
        <translation>⚠ 경보: 심각한 이상 감지</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signal&lt;/b&gt;: {type} in {nodes}&lt;br&gt;&lt;b&gt;Severity&lt;/b&gt;: {severity}&lt;br&gt;&lt;b&gt;Evidence&lt;/b&gt;: {evidence}&lt;br&gt;&lt;b&gt;Detected&lt;/b&gt;: {at} ({zone})</source>
        <translation>&lt;b&gt;신호&lt;/b&gt;: {nodes}의 {type}&lt;br&gt;&lt;b&gt;심각도&lt;/b&gt;: {severity}&lt;br&gt;&lt;b&gt;근거&lt;/b&gt;: {evidence}&lt;br&gt;&lt;b&gt;감지 시점&lt;/b&gt;: {at} ({zone})</translation>
    </message>
    <message>
        <source>Unanswered 48 h after detection: {action}.</source>
        <translation>감지 후 48시간 무응답 시: {action}.</translation>
    </message>
    <message>
        <source>The workflow is paused.</source>
        <translation>워크플로가 일시정지된 상태입니다.</translation>
    </message>
    <message>
        <source>Overdue: {action} — halted and escalated to audit.</source>
        <translation>기한 초과: {action} — 중단 후 감사로 에스컬레이션되었습니다.</translation>
    </message>
</context>
<context>
    <name>ClaimsModel</name>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>주장</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>근거</translation>
    </message>
</context>
<context>
    <name>CountdownLabel</name>
    <message>
        <source>{what}overdue by {time}</source>
        <translation>{what}{time} 초과</translation>
    </message>
    <message>
        <source>{what}{time} left</source>
        <translation>{what}{time} 남음</translation>
    </message>
    <message>
        <source>Deadline {at} ({zone})</source>
        <translation>기한 {at} ({zone})</translation>
    </message>
</context>
<context>
    <name>DecisionPage</name>
    <message>
        <source>With these weights the recommended {rec} ranks first.</source>
        <translation>이 가중치에서는 추천안 {rec}이 1위입니다.</translation>
    </message>
    <message>
        <source>⚠ With these weights {top} ranks first; the recommended {rec} ranks #{n}.</source>
        <translation>⚠ 이 가중치에서는 {top}이 1위이고, 추천안 {rec}은 {n}위입니다.</translation>
    </message>
    <message>
        <source>Metrics of the three options</source>
        <translation>세 가지 옵션의 지표</translation>
    </message>
    <message>
        <source>Ask a decision question</source>
        <translation>의사결정 질문하기</translation>
    </message>
    <message>
        <source>Metrics As-Is → To-Be</source>
        <translation>지표 현재 → 목표</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>What-if weights</source>
        <translation>가중치 시뮬레이션</translation>
    </message>
    <message>
        <source>Success probability</source>
        <translation>성공 확률</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>근거 검증</translation>
    </message>
    <message>
        <source>No decision is waiting for approval.</source>
        <translation>승인을 기다리는 의사결정이 없습니다.</translation>
    </message>
    <message>
        <source>Approvals inbox</source>
        <translation>승인 대기함</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>의사결정</translation>
    </message>
    <message>
        <source>{id} · type {type} · confidence {conf:.0f}% · sub-queries: {subs}</source>
        <translation>{id} · {type} 분석 · 분류 신뢰도 {conf:.0f}% · 하위 질의: {subs}</translation>
    </message>
    <message>
        <source> (pending sync)</source>
        <translation> (동기화 대기)</translation>
    </message>
    <message>
        <source>Workflow {state}{sync}: </source>
        <translation>워크플로 {state}{sync}: </translation>
    </message>
    <message>
        <source>Saved. It will be sent when the server is reachable.</source>
        <translation>저장했습니다. 서버에 연결되면 전송됩니다.</translation>
    </message>
</context>
<context>
    <name>FeedbackForm</name>
    <message>
        <source>a) Approve / modify / reject the proposals</source>
        <translation>a) 제안 승인·수정·거절</translation>
    </message>
    <message>
        <source>b) Request more analysis</source>
        <translation>b) 추가 분석 요청</translation>
    </message>
    <message>
        <source>c) Skip this review</source>
        <translation>c) 이번 검토 건너뛰기</translation>
    </message>
    <message>
        <source>a) Request root-cause analysis</source>
        <translation>a) 근본 원인 분석 요청</translation>
    </message>
    <message>
        <source>b) Generate an immediate fix</source>
        <translation>b) 즉시 개선안 생성</translation>
    </message>
    <message>
        <source>c) Pause the workflow + escalate</source>
        <translation>c) 워크플로 일시정지 및 에스컬레이션</translation>
    </message>
    <message>
        <source>d) Acknowledge and keep monitoring</source>
        <translation>d) 확인 후 모니터링 유지</translation>
    </message>
    <message>
        <source>Immediate choices</source>
        <translation>즉시 조치</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>피드백</translation>
    </message>
    <message>
        <source>Improvement proposals</source>
        <translation>개선 제안</translation>
    </message>
    <message>
        <location filename="../../ui/checkpoint/feedback_form.py" line="85"/>
        <source>[{id}] {summary} (confidence {c:.0%})</source>
        <translation>[{id}] {summary} (확신도 {c:.0%})</translation>
    </message>
    <message>
        <source>Decision on {id}</source>
        <translation>{id} 결정</translation>
    </message>
    <message>
        <source>— no decision</source>
        <translation>— 결정 안 함</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Modify</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Modification notes</source>
        <translation>수정 메모</translation>
    </message>
    <message>
        <source>Your assessment</source>
        <translation>내 판단</translation>
    </message>
    <message>
        <source>Signals reviewed</source>
        <translation>검토한 신호</translation>
    </message>
    <message>
        <source>Signal validity</source>
        <translation>신호 타당성</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>이견 있음</translation>
    </message>
    <message>
        <source>Needs more data</source>
        <translation>추가 데이터 필요</translation>
    </message>
    <message>
        <source>Priority override (optional)</source>
        <translation>우선순위 조정 (선택)</translation>
    </message>
    <message>
        <source>— keep</source>
        <translation>— 유지</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Additional context (optional)</source>
        <translation>추가 설명 (선택)</translation>
    </message>
    <message>
        <source>Feedback JSON</source>
        <translation>피드백 JSON</translation>
    </message>
    <message>
        <source>Save feedback</source>
        <translation>피드백 저장</translation>
    </message>
    <message>
        <source>Choose one of the options above.</source>
        <translation>위 선택지 중 하나를 고르세요.</translation>
    </message>
    <message>
        <source>Decide at least one proposal.</source>
        <translation>제안을 하나 이상 결정하세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;When you save&lt;/b&gt;: complete the form first.</source>
        <translation>&lt;b&gt;저장하면&lt;/b&gt;: 먼저 양식을 완성하세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;When you save&lt;/b&gt;:</source>
        <translation>&lt;b&gt;저장하면&lt;/b&gt;:</translation>
    </message>
</context>
<context>
    <name>ImpactChart</name>
    <message>
        <source>Weighted impact score</source>
        <translation>가중 영향도 점수</translation>
    </message>
</context>
<context>
    <name>MetricsMatrix</name>
    <message>
        <source>As-Is</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>no good direction for this metric</source>
        <translation>이 지표에는 긍정 방향이 없음</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>변화 없음</translation>
    </message>
    <message>
        <source>better</source>
        <translation>개선</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>악화</translation>
    </message>
</context>
<context>
    <name>OptionCard</name>
    <message>
        <source>Impact</source>
        <translation>영향도</translation>
    </message>
    <message>
        <source>Feasibility</source>
        <translation>실현 가능성</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>리스크</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>비용</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>★ Recommended: {reason}</source>
        <translation>★ 추천: {reason}</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>효과</translation>
    </message>
    <message>
        <source>Time to implement</source>
        <translation>소요 기간</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>실행 항목</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>전제조건</translation>
    </message>
    <message>
        <source>Trade-offs</source>
        <translation>장단점</translation>
    </message>
    <message>
        <source>#{rank} · score {score:.1f}</source>
        <translation>{rank}위 · 점수 {score:.1f}</translation>
    </message>
</context>
<context>
    <name>ProbabilityPanel</name>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;Success probability &lt;b&gt;{p:.0f}%&lt;/b&gt; · confidence {c}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;성공 확률 &lt;b&gt;{p:.0f}%&lt;/b&gt; · 신뢰 수준 {c}</translation>
    </message>
    <message>
        <source>No risk factors.</source>
        <translation>리스크 요인 없음.</translation>
    </message>
</context>
<context>
    <name>ProjectionChart</name>
    <message>
        <source>Metric to project</source>
        <translation>예측할 지표</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>주차</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
</context>
<context>
    <name>SignalsModel</name>
    <message>
        <source>Signal</source>
        <translation>신호</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>건수</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>심각도</translation>
    </message>
    <message>
        <source>Affected nodes</source>
        <translation>영향 노드</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>{n} SCs in a row</source>
        <translation>정기 체크포인트 {n}회 연속</translation>
    </message>
    <message>
        <source> → critical next</source>
        <translation> → 다음에 심각으로 격상</translation>
    </message>
</context>
<context>
    <name>ValidatorPanel</name>
    <message>
        <source>No validation result.</source>
        <translation>검증 결과가 없습니다.</translation>
    </message>
    <message>
        <source>Evidence link rate &lt;b&gt;{link:.0f}%&lt;/b&gt; · hallucination risk &lt;b&gt;{risk:.1f}%&lt;/b&gt; · {total} claims: {ver} verified, {par} partial, {unv} unverified, {ass} assumptions</source>
        <translation>근거 연결률 &lt;b&gt;{link:.0f}%&lt;/b&gt; · 환각 위험도 &lt;b&gt;{risk:.1f}%&lt;/b&gt; · 주장 {total}개: 검증 {ver}, 부분 {par}, 미검증 {unv}, 가정 {ass}</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Weight of {metric}</source>
        <translation>{metric} 가중치</translation>
    </message>
    <message>
        <source>Reset to the seed's weights</source>
        <translation>기본 가중치로 되돌리기</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Checkpoint halted</source>
        <translation>체크포인트 중단</translation>
    </message>
    <message>
        <source>Approval expired</source>
        <translation>승인 요청 만료</translation>
    </message>
    <message>
        <source>Call queue SLA passed</source>
        <translation>큐 대기 SLA 초과</translation>
    </message>
    <message>
        <source>Callback overdue</source>
        <translation>콜백 기한 경과</translation>
    </message>
    <message>
        <source>SLA breach</source>
        <translation>SLA 위반</translation>
    </message>
    <message>
        <source>P0 arrival</source>
        <translation>P0 접수</translation>
    </message>
    <message>
        <source>Event checkpoint</source>
        <translation>이벤트 체크포인트</translation>
    </message>
    <message>
        <source>Negative sentiment</source>
        <translation>부정 감정</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA 위반 임박</translation>
    </message>
    <message>
        <source>Documents overdue</source>
        <translation>서류 기한 초과</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>외 {n}건</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>About</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>내용</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>주의</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>심각</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>데이터 없음</translation>
    </message>
</context>
<context>
    <name>LiveCallsModel</name>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>Customer sentiment</source>
        <translation>고객 감정</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>통화 시간</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>수신 중</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>통화 중</translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation>후처리</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>중립</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>긍정</translation>
    </message>
</context>
<context>
    <name>OpsPage</name>
    <message>
        <source>Reports</source>
        <translation>운영 보고서</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>메모 (선택)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>확인 처리</translation>
    </message>
    <message>
        <source>Removes the alert from the wall banner for everyone</source>
        <translation>모든 현황판의 알림 배너에서 이 알림을 내립니다</translation>
    </message>
    <message>
        <source>Only a supervisor or an ops admin may acknowledge</source>
        <translation>슈퍼바이저 또는 운영 관리자만 확인할 수 있습니다</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>미확인 알림이 없습니다.</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>운영 관리</translation>
    </message>
    <message>
        <source>Waiting for data…</source>
        <translation>데이터를 기다리는 중…</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>SLA report</source>
        <translation>SLA 보고서</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>재할당</translation>
    </message>
    <message>
        <source>Alerts ({n})</source>
        <translation>알림 ({n})</translation>
    </message>
    <message>
        <source>Data as of {time}</source>
        <translation>{time} 기준 데이터</translation>
    </message>
    <message>
        <source>No update for {s} s — reconnecting…</source>
        <translation>{s}초 동안 갱신 없음 — 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>Alert acknowledged; it leaves the wall.</source>
        <translation>알림을 확인했습니다. 현황판에서 내려갑니다.</translation>
    </message>
    <message>
        <source>Reassignment queued: {a} → {b}.</source>
        <translation>재할당 요청을 보냈습니다: {a} → {b}.</translation>
    </message>
    <message>
        <source>Reassign open work</source>
        <translation>미처리 업무 재할당</translation>
    </message>
    <message>
        <source>Moves every open task of one person (and its case) to another — for vacations and absences. Needs the ops admin role.</source>
        <translation>한 사람의 미처리 태스크(와 케이스)를 모두 다른 사람에게 옮깁니다 — 휴가·부재 시. 운영 관리자 권한이 필요합니다.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>기존 담당자</translation>
    </message>
    <message>
        <source>To</source>
        <translation>새 담당자</translation>
    </message>
    <message>
        <source>Only an ops admin may reassign work</source>
        <translation>운영 관리자만 재할당할 수 있습니다</translation>
    </message>
</context>
<context>
    <name>OpsStoredReports</name>
    <message>
        <source>Figure</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>세부 항목</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>준수</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>위반</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>SLA by priority</source>
        <translation>우선순위별 SLA</translation>
    </message>
    <message>
        <source>SLA by queue</source>
        <translation>큐별 SLA</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>이의 제기</translation>
    </message>
    <message>
        <source>Resolution time p95 (h)</source>
        <translation>처리 시간 p95 (시간)</translation>
    </message>
    <message>
        <source>QA band</source>
        <translation>QA 등급</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>접수</translation>
    </message>
    <message>
        <source>Submission rate (%)</source>
        <translation>접수율 (%)</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>결정 완료</translation>
    </message>
    <message>
        <source>Overturn rate (%)</source>
        <translation>번복률 (%)</translation>
    </message>
    <message>
        <source>Resolution p95 (h)</source>
        <translation>처리 시간 p95 (시간)</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>우수</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>양호</translation>
    </message>
    <message>
        <source>Needs improvement</source>
        <translation>개선 필요</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>미흡</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>전체 주기</translation>
    </message>
    <message>
        <source>Could not load the reports: {why}</source>
        <translation>보고서를 불러오지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>일일</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>월간</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>주기</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>To (exclusive)</source>
        <translation>종료 (미포함)</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>주간</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>{n} reports. KST days; the end is exclusive.</source>
        <translation>보고서 {n}건. 한국 시간 기준이며 종료 시각은 포함하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>OpsReport</name>
    <message>
        <source>All priorities</source>
        <translation>전체 우선순위</translation>
    </message>
    <message>
        <source>By priority</source>
        <translation>우선순위별</translation>
    </message>
    <message>
        <source>By queue</source>
        <translation>큐별</translation>
    </message>
    <message>
        <source>Priority × queue</source>
        <translation>우선순위 × 큐</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>준수</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>위반</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Compliance %</source>
        <translation>준수율 %</translation>
    </message>
    <message>
        <source>Whole range</source>
        <translation>기간 전체</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>일별</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>주별</translation>
    </message>
    <message>
        <source>Show report</source>
        <translation>보고서 표시</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>To</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>종료일이 시작일보다 앞입니다.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Could not load the report: {why}</source>
        <translation>보고서를 불러오지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>Overall compliance {pct} ({met} met, {breached} breached, {open} in progress)</source>
        <translation>전체 준수율 {pct} (준수 {met}건, 위반 {breached}건, 진행 중 {open}건)</translation>
    </message>
    <message>
        <source>Export SLA report</source>
        <translation>SLA 보고서 내보내기</translation>
    </message>
</context>
<context>
    <name>QueueStatsModel</name>
    <message>
        <source>Abandon rate</source>
        <translation>포기율</translation>
    </message>
    <message>
        <source>On break</source>
        <translation>휴식</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>In queue</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>최장 대기</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>서비스 수준</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>위반 임박</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>위반</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>금일 처리</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>접속 중</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>응대 가능</translation>
    </message>
    <message>
        <source>On contact</source>
        <translation>통화 중</translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation>후처리</translation>
    </message>
</context>
<context>
    <name>Wall</name>
    <message>
        <source>service level</source>
        <translation>서비스 수준</translation>
    </message>
    <message>
        <source>longest wait</source>
        <translation>최장 대기</translation>
    </message>
    <message>
        <source>abandon rate</source>
        <translation>포기율</translation>
    </message>
    <message>
        <source>Nobody waiting</source>
        <translation>대기 중인 고객 없음</translation>
    </message>
    <message>
        <source>No agents</source>
        <translation>상담원 없음</translation>
    </message>
    <message>
        <source>Contacts waiting</source>
        <translation>대기 중인 고객</translation>
    </message>
    <message>
        <source>Breach: {queue}, {what} {value}</source>
        <translation>위반: {queue}, {what} {value}</translation>
    </message>
    <message>
        <source>Agent states</source>
        <translation>상담원 상태</translation>
    </message>
    <message>
        <source>Operations wall</source>
        <translation>운영 현황판</translation>
    </message>
    <message>
        <source>Waiting for data…</source>
        <translation>데이터를 기다리는 중…</translation>
    </message>
    <message>
        <source>In queue</source>
        <translation>대기 건수</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>최장 대기</translation>
    </message>
    <message>
        <source>Lowest service level</source>
        <translation>최저 서비스 수준</translation>
    </message>
    <message>
        <source>At risk (&lt; 1 h left)</source>
        <translation>위반 임박 (1시간 이내)</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA 위반</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>금일 처리</translation>
    </message>
    <message>
        <source>Data as of {time}</source>
        <translation>{time} 기준</translation>
    </message>
    <message>
        <source>target {pct}</source>
        <translation>목표 {pct}</translation>
    </message>
    <message>
        <source>Data is {age} old — reconnecting…</source>
        <translation>데이터가 {age} 지났습니다 — 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>No data yet — reconnecting…</source>
        <translation>아직 데이터 없음 — 연결하는 중…</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(일시정지)</translation>
    </message>
    <message>
        <source>Review queues</source>
        <translation>심사 큐</translation>
    </message>
    <message>
        <source>No live calls</source>
        <translation>진행 중인 통화 없음</translation>
    </message>
    <message>
        <source>Contact center: queues and agents</source>
        <translation>컨택센터: 큐와 상담원</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>진행 중인 통화</translation>
    </message>
    <message>
        <source>Appeals overturn rate (target 10-20 %)</source>
        <translation>이의 제기 번복률 (목표 10-20%)</translation>
    </message>
    <message>
        <source>Appeals p95 resolution (≤ 72 h)</source>
        <translation>이의 제기 처리 p95 (≤ 72시간)</translation>
    </message>
    <message>
        <source>Case arrivals (normal 50 a day)</source>
        <translation>케이스 유입 (평소 하루 50건)</translation>
    </message>
    <message>
        <source>SLA compliance by day and priority</source>
        <translation>일별·우선순위별 SLA 준수율</translation>
    </message>
    <message>
        <source>{n} resolved · {r} of rejections appealed</source>
        <translation>{n}건 처리 · 거부 중 이의 제기 {r}</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h}시간</translation>
    </message>
    <message>
        <source>BURST ×{f}</source>
        <translation>급증 ×{f}</translation>
    </message>
    <message>
        <source>{n} in 2 h</source>
        <translation>2시간 {n}건</translation>
    </message>
    <message>
        <source>{n}/day</source>
        <translation>하루 {n}건</translation>
    </message>
</context>
<context>
    <name>UnmaskPanel</name>
    <message>
        <source>Resident ID</source>
        <translation>주민등록번호</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계좌</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>카드번호</translation>
    </message>
    <message>
        <source>Why do you need the full value?</source>
        <translation>전체 값이 필요한 사유를 입력하세요</translation>
    </message>
    <message>
        <source>Show for 60 seconds</source>
        <translation>60초 동안 보기</translation>
    </message>
    <message>
        <source>{label}: {value} · hidden in {n} s</source>
        <translation>{label}: {value} · {n}초 후 숨김</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>식별 정보</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Unmasking needs a connection to the server.</source>
        <translation>마스킹 해제는 서버에 연결되어 있어야 합니다.</translation>
    </message>
    <message>
        <source>The server could not be reached; nothing was shown.</source>
        <translation>서버에 연결할 수 없어 표시하지 않았습니다.</translation>
    </message>
    <message>
        <source>Too many unmask requests. Try again in {n} s.</source>
        <translation>마스킹 해제 요청이 너무 많습니다. {n}초 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Your role may not unmask customer identifiers.</source>
        <translation>현재 역할로는 고객 식별정보의 마스킹을 해제할 수 없습니다.</translation>
    </message>
    <message>
        <source>This case has no such identifier.</source>
        <translation>이 케이스에는 해당 정보가 없습니다.</translation>
    </message>
    <message>
        <source>The server refused: {detail}</source>
        <translation>서버가 허용하지 않았습니다: {detail}</translation>
    </message>
</context>
<context>
    <name>ChatOps</name>
    <message>
        <source>Add staff to the queue</source>
        <translation>큐에 인력 추가</translation>
    </message>
    <message>
        <source>Restart the scheduler</source>
        <translation>스케줄러 재시작</translation>
    </message>
    <message>
        <source>Confidence {p}%</source>
        <translation>신뢰도 {p}%</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>메서드</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>엔터티</translation>
    </message>
    <message>
        <source>Rows on the server</source>
        <translation>서버 행 수</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>테이블</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>최장 대기</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>위반 임박</translation>
    </message>
    <message>
        <source>Breaching</source>
        <translation>위반 예정</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>케이스</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>기한</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>남은 시간</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>스킬</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>접속</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>가용</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>가용 인원</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>준수</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>위반</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Compliance (%)</source>
        <translation>준수율(%)</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>마지막 실행</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>다음 실행</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>건수</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="57"/>
        <source>Database</source>
        <translation>데이터베이스</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="58"/>
        <source>Database kind</source>
        <translation>데이터베이스 종류</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="59"/>
        <source>This instance</source>
        <translation>이 인스턴스</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="60"/>
        <source>Leader (runs the scheduler)</source>
        <translation>리더 (스케줄러 실행)</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="61"/>
        <source>Scheduler's last run</source>
        <translation>스케줄러 마지막 실행</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="62"/>
        <source>Event subscribers</source>
        <translation>이벤트 구독자</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="63"/>
        <source>Instances</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="64"/>
        <source>Verified</source>
        <translation>검증됨</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="66"/>
        <source>Head hash</source>
        <translation>마지막 해시</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="67"/>
        <source>Checked from row</source>
        <translation>검증 시작 행</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="68"/>
        <source>Not chained yet</source>
        <translation>체인 대기</translation>
    </message>
    <message>
        <location filename="../../ui/chatops/words.py" line="69"/>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>ChatOpsPage</name>
    <message>
        <source>Answer</source>
        <translation>답변</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>대화 내역</translation>
    </message>
    <message>
        <source>Diagnostic tool</source>
        <translation>진단 도구</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>ChatOps diagnostics</source>
        <translation>챗옵스 진단</translation>
    </message>
    <message>
        <source>Ask in Korean or English, e.g. which cases breach within 4 hours?</source>
        <translation>한국어나 영어로 질문하세요. 예: 4시간 안에 위반될 케이스는?</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>Run tool</source>
        <translation>도구 실행</translation>
    </message>
    <message>
        <source>Re-run (F5)</source>
        <translation>다시 실행 (F5)</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>텍스트로 복사</translation>
    </message>
    <message>
        <source>offline: the server answers diagnostics</source>
        <translation>오프라인: 진단은 서버가 답합니다</translation>
    </message>
    <message>
        <source>Ask a question or run a tool</source>
        <translation>질문하거나 도구를 실행하세요</translation>
    </message>
    <message>
        <source>Could not answer: {why}</source>
        <translation>답할 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>서버에 묻는 중…</translation>
    </message>
    <message>
        <source>No tool matched the question; pick one below.</source>
        <translation>질문에 맞는 도구가 없습니다. 아래에서 고르세요.</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>혹시 이것인가요:</translation>
    </message>
    <message>
        <source>Suggested fixes (need approval, nothing was changed):</source>
        <translation>제안된 조치 (승인 필요, 아무것도 변경되지 않음):</translation>
    </message>
</context>
<context>
    <name>TimeZoneDialog</name>
    <message>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <source>Times are shown in this zone. Business hours, holidays, SLA due times and report days keep Korean time (KST).</source>
        <translation>시각은 이 시간대로 표시됩니다. 업무 시간, 공휴일, SLA 기한, 보고서 기준일은 한국 시간(KST)을 따릅니다.</translation>
    </message>
    <message>
        <source>Unknown time zone: {name}</source>
        <translation>알 수 없는 시간대: {name}</translation>
    </message>
</context>
<context>
    <name>AskController</name>
    <message>
        <source>Live: {steps}</source>
        <translation>실시간 진행: {steps}</translation>
    </message>
    <message>
        <source>Question queued: {query} — it is sent when the server is reachable.</source>
        <translation>질문을 저장했습니다: {query} — 서버에 연결되면 전송됩니다.</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <source> weeks</source>
        <translation>주</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>질문하기</translation>
    </message>
    <message>
        <source>Ask a decision question</source>
        <translation>의사결정 질문하기</translation>
    </message>
    <message>
        <source>Examples: {examples}</source>
        <translation>예시: {examples}</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>분석 기간</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>조직</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>optional, e.g. ORG-AI-001</source>
        <translation>선택 입력, 예: ORG-AI-001</translation>
    </message>
</context>
<context>
    <name>CaseConfirm</name>
    <message>
        <source>Approve case {id} for {customer}?

Applied for: {applied}
Approved limit: {limit}
Rate: {rate} %
Reason codes: {codes}

An approval cannot be taken back.</source>
        <translation>케이스 {id}({customer})를 승인할까요?

신청 금액: {applied}
승인 한도: {limit}
금리: {rate} %
사유 코드: {codes}

승인은 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Close case {id} for {customer}?

A closed case leaves the inbox and cannot be worked on again.</source>
        <translation>케이스 {id}({customer})를 종료할까요?

종료한 케이스는 업무함에서 빠지며 다시 처리할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>FeedbackWords</name>
    <message>
        <source>confirmed</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>이의 있음</translation>
    </message>
    <message>
        <source>needs more data</source>
        <translation>데이터 추가 필요</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>No feedback recorded.</source>
        <translation>기록된 피드백이 없습니다.</translation>
    </message>
    <message>
        <source>Signals reviewed: {n}</source>
        <translation>검토한 신호: {n}개</translation>
    </message>
    <message>
        <source>Signal validity: {v}</source>
        <translation>신호 타당성: {v}</translation>
    </message>
    <message>
        <source>Priority changed to {p}</source>
        <translation>우선순위 변경: {p}</translation>
    </message>
    <message>
        <source>Context: {text}</source>
        <translation>추가 설명: {text}</translation>
    </message>
    <message>
        <source>Proposal {id}: {decision}</source>
        <translation>제안 {id}: {decision}</translation>
    </message>
    <message>
        <source>No proposal decided.</source>
        <translation>결정한 제안이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>{name}: {value}</source>
        <translation>{name}: {value}</translation>
    </message>
    <message>
        <source>ending in {last}</source>
        <translation>끝자리 {last}</translation>
    </message>
</context>
<context>
    <name>AgentBoardModel</name>
    <message>
        <source>Time in state</source>
        <translation>상태 유지 시간</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Wall thresholds</source>
        <translation>현황판 기준값</translation>
    </message>
    <message>
        <source>The margin must be below the target.</source>
        <translation>주의 범위는 목표보다 작아야 합니다.</translation>
    </message>
    <message>
        <source>Service level warning margin</source>
        <translation>서비스 수준 주의 범위</translation>
    </message>
    <message>
        <source>Service level target</source>
        <translation>서비스 수준 목표</translation>
    </message>
    <message>
        <source>Mute the breach sound</source>
        <translation>위반 알림음 끄기</translation>
    </message>
    <message>
        <source>Longest wait: warning at</source>
        <translation>최장 대기: 주의 기준</translation>
    </message>
    <message>
        <source>Longest wait: critical at</source>
        <translation>최장 대기: 심각 기준</translation>
    </message>
    <message>
        <source>Critical must be above warning, warning above 0 and critical at most 100 %.</source>
        <translation>심각 기준은 주의 기준보다 크고 100% 이하여야 하며, 주의 기준은 0보다 커야 합니다.</translation>
    </message>
    <message>
        <source>Critical must be above warning, and warning above 0.</source>
        <translation>심각 기준은 주의 기준보다 커야 하고, 주의 기준은 0보다 커야 합니다.</translation>
    </message>
    <message>
        <source>Choose a target above 0 %, at most 100 %.</source>
        <translation>목표는 0%보다 크고 100% 이하로 정하세요.</translation>
    </message>
    <message>
        <source>Abandon rate: warning at</source>
        <translation>포기율: 주의 기준</translation>
    </message>
    <message>
        <source>Abandon rate: critical at</source>
        <translation>포기율: 심각 기준</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source> points</source>
        <translation>포인트</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>Waiting for</source>
        <translation>대기 시간</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>큐</translation>
    </message>
</context>
<context>
    <name>AgentStateChooser</name>
    <message>
        <source>&amp;State</source>
        <translation>상태(&amp;S)</translation>
    </message>
    <message>
        <source>Choose your state</source>
        <translation>내 상태 선택</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Prior interactions</source>
        <translation>이전 상담 이력</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Decision on a generated case</source>
        <translation>생성된 케이스 결정</translation>
    </message>
    <message>
        <source>Rating of a suggestion</source>
        <translation>추천 평가</translation>
    </message>
    <message>
        <source>Alert acknowledgement</source>
        <translation>알림 확인</translation>
    </message>
    <message>
        <source>Saving the filter</source>
        <translation>필터 저장</translation>
    </message>
    <message>
        <source>Deleting the saved filter</source>
        <translation>저장한 필터 삭제</translation>
    </message>
    <message>
        <source>Retry of the action</source>
        <translation>조치 재시도</translation>
    </message>
    <message>
        <source>Copy to a draft</source>
        <translation>초안으로 복사</translation>
    </message>
    <message>
        <source>Discarding the action</source>
        <translation>조치 폐기</translation>
    </message>
    <message>
        <source>The action</source>
        <translation>조치</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was lost.</source>
        <translation>문제가 발생했습니다. 입력한 내용은 그대로 있습니다.</translation>
    </message>
    <message>
        <source>{action}: done.</source>
        <translation>{action}: 완료했습니다.</translation>
    </message>
    <message>
        <source>{action} failed: {reason}</source>
        <translation>{action} 실패: {reason}</translation>
    </message>
</context>
<context>
    <name>StoreUpgrade</name>
    <message>
        <source>tables of the store</source>
        <translation>데이터 테이블</translation>
    </message>
    <message>
        <source>index for sorting by customer</source>
        <translation>고객명 정렬용 색인</translation>
    </message>
    <message>
        <source>indexes for sorting by status and queue</source>
        <translation>상태·큐 정렬용 색인</translation>
    </message>
    <message>
        <source>table of generated content</source>
        <translation>생성 콘텐츠 테이블</translation>
    </message>
    <message>
        <source>list of changes the app cannot apply</source>
        <translation>반영할 수 없는 변경 목록</translation>
    </message>
    <message>
        <source>masking customer identifiers</source>
        <translation>고객 식별정보 마스킹</translation>
    </message>
    <message>
        <source>drafts of after-call work</source>
        <translation>후처리 초안</translation>
    </message>
    <message>
        <source>indexes for active cases</source>
        <translation>처리 중 케이스 색인</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {step}</source>
        <translation>{n}/{total}단계: {step}</translation>
    </message>
    <message>
        <source>Upgrading the local store</source>
        <translation>이 컴퓨터에 저장된 데이터 업그레이드 중</translation>
    </message>
    <message>
        <source>Upgrade in progress</source>
        <translation>업그레이드 진행 중</translation>
    </message>
    <message>
        <source>Please do not close the app until this finishes. If it is closed anyway, nothing is lost: the store stays as it was before this step, and the upgrade runs again at the next start.</source>
        <translation>끝날 때까지 앱을 닫지 마세요. 닫히더라도 잃는 것은 없습니다. 저장된 데이터는 이 단계 전 상태 그대로 남고, 다음에 시작할 때 업그레이드를 다시 진행합니다.</translation>
    </message>
    <message>
        <source>Elapsed: {time}</source>
        <translation>경과 시간: {time}</translation>
    </message>
    <message>
        <source>The local store could not be upgraded</source>
        <translation>이 컴퓨터에 저장된 데이터를 업그레이드하지 못했습니다</translation>
    </message>
    <message>
        <source>The upgrade step “{step}” failed: {error}</source>
        <translation>업그레이드 단계 “{step}” 실패: {error}</translation>
    </message>
    <message>
        <source>The store file was left as it was before this step. The app will now close; nothing you did was lost.</source>
        <translation>저장된 데이터 파일은 이 단계 전 상태 그대로입니다. 앱을 종료합니다. 작업한 내용은 사라지지 않았습니다.</translation>
    </message>
    <message>
        <source>The local store could not be opened</source>
        <translation>이 컴퓨터에 저장된 데이터를 열지 못했습니다</translation>
    </message>
    <message>
        <source>{step} failed: {error}</source>
        <translation>{step} 실패: {error}</translation>
    </message>
    <message>
        <source>Opening the store</source>
        <translation>저장된 데이터 열기</translation>
    </message>
    <message>
        <source>The store file was not changed. The app will now close.</source>
        <translation>저장된 데이터 파일은 바뀌지 않았습니다. 앱을 종료합니다.</translation>
    </message>
</context>
</TS>
