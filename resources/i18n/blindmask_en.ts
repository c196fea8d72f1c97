<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name>BlindMask</name>
    <message>
      <source>添加遮盖框</source>
      <translation>Add box</translation>
    </message>
    <message>
      <source>删除遮盖框</source>
      <translation>Delete box</translation>
    </message>
    <message>
      <source>移动或调整遮盖框</source>
      <translation>Move or resize box</translation>
    </message>
    <message>
      <source>更改类别</source>
      <translation>Change kind</translation>
    </message>
    <message>
      <source>重新审核此页</source>
      <translation>Reopen page</translation>
    </message>
    <message>
      <source>确认此页</source>
      <translation>Confirm page</translation>
    </message>
    <message>
      <source>标记为无需遮盖</source>
      <translation>Mark as needing no mask</translation>
    </message>
    <message>
      <source>手动绘制</source>
      <translation>drawn by hand</translation>
    </message>
    <message>
      <source>遮盖</source>
      <translation>Mask</translation>
    </message>
    <message>
      <source>不遮盖</source>
      <translation>Not masked</translation>
    </message>
    <message>
      <source>文字：</source>
      <translation>Text: </translation>
    </message>
    <message>
      <source>置信度：</source>
      <translation>Score: </translation>
    </message>
    <message>
      <source>本页决定（是否需要遮盖）</source>
      <translation>Decision for this page (does it need masking?)</translation>
    </message>
    <message>
      <source>确认遮盖此页</source>
      <translation>Confirm masks</translation>
    </message>
    <message>
      <source>此页无需遮盖</source>
      <translation>Needs no mask</translation>
    </message>
    <message>
      <source>尚未检测。可以按 F5 检测，也可以手动绘制遮盖框。</source>
      <translation>Not detected yet. Press F5 to detect, or draw boxes by hand.</translation>
    </message>
    <message>
      <source>正在检测此页…</source>
      <translation>Detecting this page…</translation>
    </message>
    <message>
      <source>检查遮盖框后确认（Enter），或标记为无需遮盖（N）。</source>
      <translation>Check the boxes, then confirm (Enter) or mark as needing no mask (N).</translation>
    </message>
    <message>
      <source>已标记为无需遮盖：导出时不遮盖。</source>
      <translation>Marked as needing no mask: exported without masks.</translation>
    </message>
    <message>
      <source>此页无法读取，不会导出。</source>
      <translation>This page cannot be read and will not be exported.</translation>
    </message>
    <message>
      <source>已确认：导出时遮盖 {n} 处。</source>
      <translation>Confirmed: {n} boxes are burned on export.</translation>
    </message>
    <message>
      <source>将遮盖 {a} / {n} 个框</source>
      <translation>{a} of {n} boxes will be masked</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>识别文字</source>
      <translation>Text</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>置信度 {s:.2f}</source>
      <translation>confidence {s:.2f}</translation>
    </message>
    <message>
      <source>文件 / 页</source>
      <translation>File / page</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>尚未打开文件</source>
      <translation>No files open</translation>
    </message>
    <message>
      <source>共 {n} 页</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <source>已确认 {n}</source>
      <translation>{n} confirmed</translation>
    </message>
    <message>
      <source>无需遮盖 {n}</source>
      <translation>{n} no mask</translation>
    </message>
    <message>
      <source>待审核 {n}</source>
      <translation>{n} to review</translation>
    </message>
    <message>
      <source>检测中 {n}</source>
      <translation>{n} detecting</translation>
    </message>
    <message>
      <source>未检测 {n}</source>
      <translation>{n} not detected</translation>
    </message>
    <message>
      <source>错误 {n}</source>
      <translation>{n} errors</translation>
    </message>
    <message>
      <source>第 {n} 页</source>
      <translation>page {n}</translation>
    </message>
    <message>
      <source>例如：阿依古丽·买买提</source>
      <translation>e.g. 阿依古丽·买买提</translation>
    </message>
    <message>
      <source>曾用名、简写，每行一个</source>
      <translation>Former names, short forms; one per line</translation>
    </message>
    <message>
      <source>工作单位完整名称，每行一个</source>
      <translation>Full employer names, one per line</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>别名</source>
      <translation>Aliases</translation>
    </message>
    <message>
      <source>工作单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <source>申请人信息</source>
      <translation>Applicant</translation>
    </message>
    <message>
      <source>应用</source>
      <translation>Apply</translation>
    </message>
    <message>
      <source>载入…</source>
      <translation>Load…</translation>
    </message>
    <message>
      <source>保存…</source>
      <translation>Save…</translation>
    </message>
    <message>
      <source>尚未填写。检测前需要申请人姓名和工作单位。</source>
      <translation>Not filled in. Detection needs the applicant's name and employers.</translation>
    </message>
    <message>
      <source>已应用：{n} 个姓名写法，{e} 个单位。</source>
      <translation>Applied: {n} name forms, {e} employers.</translation>
    </message>
    <message>
      <source>英文材料中也查找姓名拼音：{s}（英文单位名称请另加一行）。</source>
      <translation>In English text the name is also looked for as {s} (add the employer's English name as another line).</translation>
    </message>
    <message>
      <source>单位的其他写法也会遮盖：{f}。</source>
      <translation>Other forms of the employer are masked too: {f}.</translation>
    </message>
    <message>
      <source>本页遮盖建议</source>
      <translation>Proposals on this page</translation>
    </message>
    <message>
      <source>全部接受</source>
      <translation>Accept all</translation>
    </message>
    <message>
      <source>全部拒绝</source>
      <translation>Reject all</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>置信度</source>
      <translation>Score</translation>
    </message>
    <message>
      <source>未检测</source>
      <translation>Not detected</translation>
    </message>
    <message>
      <source>检测中</source>
      <translation>Detecting</translation>
    </message>
    <message>
      <source>待审核</source>
      <translation>To review</translation>
    </message>
    <message>
      <source>已确认</source>
      <translation>Confirmed</translation>
    </message>
    <message>
      <source>无需遮盖</source>
      <translation>No mask needed</translation>
    </message>
    <message>
      <source>错误</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>盲评遮盖助手</source>
      <translation>BlindMask</translation>
    </message>
    <message>
      <source>遮盖附件中的姓名、工作单位、公章和照片眼部，逐页确认后导出为 JPG。
把文件或文件夹拖到这里，或：</source>
      <translation>Cover names, employers, seals and the eyes of photos in attachments, confirm page by page, export JPGs.
Drop files or folders here, or:</translation>
    </message>
    <message>
      <source>打开文件… (Ctrl+O)</source>
      <translation>Open files… (Ctrl+O)</translation>
    </message>
    <message>
      <source>打开文件夹… (Ctrl+Shift+O)</source>
      <translation>Open folder… (Ctrl+Shift+O)</translation>
    </message>
    <message>
      <source>核查已遮盖文件… (Ctrl+Shift+V)</source>
      <translation>Verify masked files… (Ctrl+Shift+V)</translation>
    </message>
    <message>
      <source>支持 JPG、PNG、BMP、TIFF、PDF 和手机照片（HEIC、WebP）。所有处理都在本机完成，不联网。按 F1 查看快捷键。</source>
      <translation>JPG, PNG, BMP, TIFF, PDF and phone photos (HEIC, WebP). Everything runs on this computer, offline. Press F1 for shortcuts.</translation>
    </message>
    <message>
      <source>打开文件…</source>
      <translation>Open files…</translation>
    </message>
    <message>
      <source>打开文件夹…</source>
      <translation>Open folder…</translation>
    </message>
    <message>
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>核查已遮盖文件…</source>
      <translation>Verify masked files…</translation>
    </message>
    <message>
      <source>文字材料…</source>
      <translation>Written material…</translation>
    </message>
    <message>
      <source>设置…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>载入申请人信息…</source>
      <translation>Load applicant profile…</translation>
    </message>
    <message>
      <source>保存申请人信息…</source>
      <translation>Save applicant profile…</translation>
    </message>
    <message>
      <source>检测全部</source>
      <translation>Detect all</translation>
    </message>
    <message>
      <source>取消检测</source>
      <translation>Cancel detection</translation>
    </message>
    <message>
      <source>下一页</source>
      <translation>Next page</translation>
    </message>
    <message>
      <source>上一页</source>
      <translation>Previous page</translation>
    </message>
    <message>
      <source>下一个待审核页</source>
      <translation>Next page to review</translation>
    </message>
    <message>
      <source>切换遮盖</source>
      <translation>Toggle mask</translation>
    </message>
    <message>
      <source>删除选中框</source>
      <translation>Delete selected box</translation>
    </message>
    <message>
      <source>绘制新框</source>
      <translation>Draw box</translation>
    </message>
    <message>
      <source>在中央添加新框</source>
      <translation>Add box at centre</translation>
    </message>
    <message>
      <source>预览遮盖效果</source>
      <translation>Preview result</translation>
    </message>
    <message>
      <source>放大</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>缩小</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>适应窗口</source>
      <translation>Fit</translation>
    </message>
    <message>
      <source>实际大小 100%</source>
      <translation>Actual size 100%</translation>
    </message>
    <message>
      <source>快捷键…</source>
      <translation>Shortcuts…</translation>
    </message>
    <message>
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>页面(&amp;P)</source>
      <translation>&amp;Page</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>工具栏</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <source>新框类别 (1–4)</source>
      <translation>Kind of new boxes (1–4)</translation>
    </message>
    <message>
      <source>新框类别：</source>
      <translation>New box kind: </translation>
    </message>
    <message>
      <source>未填写申请人信息，尚未检测。填写后按 F5 检测。</source>
      <translation>No applicant profile yet, nothing detected. Fill it in and press F5.</translation>
    </message>
    <message>
      <source>正在检测…（首次使用需载入识别模型）</source>
      <translation>Detecting… (the first page loads the recognition models)</translation>
    </message>
    <message>
      <source>无法载入检测引擎</source>
      <translation>Cannot load the detector</translation>
    </message>
    <message>
      <source>检测引擎无法载入，页面可以手动绘制遮盖框。

</source>
      <translation>The detector cannot be loaded; boxes can still be drawn by hand.

</translation>
    </message>
    <message>
      <source>检测已取消。按 F5 继续检测剩余页面。</source>
      <translation>Detection cancelled. Press F5 to detect the remaining pages.</translation>
    </message>
    <message>
      <source>正在取消（当前页完成后停止）…</source>
      <translation>Cancelling (after the current page)…</translation>
    </message>
    <message>
      <source>检测完成。还有 {n} 页待审核。</source>
      <translation>Detection finished. {n} pages to review.</translation>
    </message>
    <message>
      <source>请填写申请人姓名（与材料上印的一致）。</source>
      <translation>Enter the applicant's name (as printed on the documents).</translation>
    </message>
    <message>
      <source>请至少填写一个工作单位的完整名称。</source>
      <translation>Enter at least one employer's full official name.</translation>
    </message>
    <message>
      <source>申请人信息文件有误：</source>
      <translation>The profile file has an error: </translation>
    </message>
    <message>
      <source>所有文件</source>
      <translation>All files</translation>
    </message>
    <message>
      <source>检测需要知道要遮盖的内容：请填写申请人姓名和工作单位，或载入申请人信息文件（TOML）。</source>
      <translation>Detection needs to know what to cover: enter the applicant's name and employers, or load a profile file (TOML).</translation>
    </message>
    <message>
      <source>载入文件…</source>
      <translation>Load file…</translation>
    </message>
    <message>
      <source>载入申请人信息</source>
      <translation>Load applicant profile</translation>
    </message>
    <message>
      <source>申请人信息 (*.toml);;所有文件 (*)</source>
      <translation>Applicant profile (*.toml);;All files (*)</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>遮盖颜色</source>
      <translation>Mask colour</translation>
    </message>
    <message>
      <source>JPEG 质量</source>
      <translation>JPEG quality</translation>
    </message>
    <message>
      <source>PDF 渲染分辨率</source>
      <translation>PDF resolution</translation>
    </message>
    <message>
      <source>导出后打开文件夹</source>
      <translation>Open the folder after export</translation>
    </message>
    <message>
      <source>界面语言在重新启动程序后生效；分辨率对之后打开的文件生效。</source>
      <translation>The language takes effect after a restart; the resolution applies to files opened afterwards.</translation>
    </message>
    <message>
      <source>打开文件</source>
      <translation>Open files</translation>
    </message>
    <message>
      <source>打开文件夹</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <source>下一页 / 上一页</source>
      <translation>Next / previous page</translation>
    </message>
    <message>
      <source>选择下一个 / 上一个框</source>
      <translation>Select next / previous box</translation>
    </message>
    <message>
      <source>切换选中框（遮盖 / 不遮盖）</source>
      <translation>Toggle the selected box (mask / not)</translation>
    </message>
    <message>
      <source>本页全部接受 / 全部拒绝</source>
      <translation>Accept all / reject all on the page</translation>
    </message>
    <message>
      <source>绘制模式（拖动画新框）</source>
      <translation>Draw mode (drag to draw a box)</translation>
    </message>
    <message>
      <source>选择新框类别：姓名 / 单位 / 公章 / 眼部</source>
      <translation>Kind of new boxes: name / employer / seal / eyes</translation>
    </message>
    <message>
      <source>在视图中央添加新框</source>
      <translation>Add a box at the centre of the view</translation>
    </message>
    <message>
      <source>移动选中框 / 调整大小（加 Ctrl 步长更大）</source>
      <translation>Move / resize the selected box (Ctrl: bigger steps)</translation>
    </message>
    <message>
      <source>确认此页（并转到下一个待审核页）</source>
      <translation>Confirm page (and go to the next page to review)</translation>
    </message>
    <message>
      <source>标记此页无需遮盖</source>
      <translation>Mark page as needing no mask</translation>
    </message>
    <message>
      <source>重新审核此页（撤销决定）</source>
      <translation>Reopen page (clear its decision)</translation>
    </message>
    <message>
      <source>遮盖效果预览（前 / 后）</source>
      <translation>Preview the masked result (before / after)</translation>
    </message>
    <message>
      <source>放大 / 缩小</source>
      <translation>Zoom in / out</translation>
    </message>
    <message>
      <source>适应窗口 / 100 %</source>
      <translation>Fit / 100 %</translation>
    </message>
    <message>
      <source>平移</source>
      <translation>Pan</translation>
    </message>
    <message>
      <source>拖动空白处或中键</source>
      <translation>drag empty space or middle button</translation>
    </message>
    <message>
      <source>撤销 / 重做</source>
      <translation>Undo / redo</translation>
    </message>
    <message>
      <source>检测全部 / 取消检测</source>
      <translation>Detect all / cancel detection</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>核查已遮盖文件</source>
      <translation>Verify masked files</translation>
    </message>
    <message>
      <source>文字材料</source>
      <translation>Written material</translation>
    </message>
    <message>
      <source>快捷键列表</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>快捷键</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>鼠标：单击框切换遮盖 / 不遮盖；拖动框移动；拖动选中框的控制点调整大小；绘制模式下在空白处拖动画新框；悬停查看识别文字和置信度。</source>
      <translation>Mouse: click a box to toggle mask / not; drag a box to move it; drag the handles of the selected box to resize; in draw mode drag on empty space to draw a box; hover to see the text and score.</translation>
    </message>
    <message>
      <source>还有未确认的页面</source>
      <translation>Pages without a decision</translation>
    </message>
    <message>
      <source>去审核</source>
      <translation>Review them</translation>
    </message>
    <message>
      <source>跳过这些页并导出</source>
      <translation>Skip them and export</translation>
    </message>
    <message>
      <source>附件</source>
      <translation>Attachments</translation>
    </message>
    <message>
      <source>或滚轮</source>
      <translation>or the wheel</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>按键</source>
      <translation>Keys</translation>
    </message>
    <message>
      <source>以下 {n} 页尚未确认（也未标记为无需遮盖）。请先审核它们，或明确跳过：跳过的页面不会导出。</source>
      <translation>These {n} pages are neither confirmed nor marked as needing no mask. Review them first, or skip them explicitly: skipped pages are not exported.</translation>
    </message>
    <message>
      <source>第 {n} 行</source>
      <translation>line {n}</translation>
    </message>
    <message>
      <source>接受遮盖框</source>
      <translation>Accept box</translation>
    </message>
    <message>
      <source>拒绝遮盖框</source>
      <translation>Reject box</translation>
    </message>
    <message>
      <source>请先打开文件。</source>
      <translation>Open files first.</translation>
    </message>
    <message>
      <source>请先选中一个框（单击或按 Tab）。</source>
      <translation>Select a box first (click it or press Tab).</translation>
    </message>
    <message>
      <source>已退出绘制模式。</source>
      <translation>Draw mode off.</translation>
    </message>
    <message>
      <source>此页还在检测，请稍候再确认。</source>
      <translation>This page is still being detected; confirm it in a moment.</translation>
    </message>
    <message>
      <source>绘制模式：在页面上拖动画出「{k}」框。再按 D 退出。</source>
      <translation>Draw mode: drag on the page to draw a "{k}" box. Press D again to leave.</translation>
    </message>
    <message>
      <source>此页有 {n} 个将被遮盖的框。标记为「无需遮盖」后，导出时此页不做任何遮盖。确定吗？</source>
      <translation>This page has {n} boxes that would be masked. Marked as "needs no mask", it is exported without any mask. Sure?</translation>
    </message>
    <message>
      <source>选择导出文件夹</source>
      <translation>Choose the export folder</translation>
    </message>
    <message>
      <source>正在导出…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>请选择另一个文件夹：导出文件不能与原始附件放在同一文件夹。</source>
      <translation>Choose another folder: exports cannot go into the folder of the original attachments.</translation>
    </message>
    <message>
      <source>导出已取消。已写出的文件保留在导出文件夹中。</source>
      <translation>Export cancelled. Files already written stay in the export folder.</translation>
    </message>
    <message>
      <source>已导出 {n} 个 JPG 到 {d}</source>
      <translation>Exported {n} JPGs to {d}</translation>
    </message>
    <message>
      <source>正在导出：</source>
      <translation>Exporting: </translation>
    </message>
    <message>
      <source>以下文件出错：</source>
      <translation>Errors in these files:</translation>
    </message>
    <message>
      <source>检测 %v / %m 页</source>
      <translation>Detected %v / %m pages</translation>
    </message>
    <message>
      <source>盲评遮盖助手 BlindMask
离线遮盖职称评审附件中的姓名、工作单位、公章和照片眼部。
所有处理都在本机完成。</source>
      <translation>BlindMask (盲评遮盖助手)
Offline masking of names, employers, seals and eyes in attachments for blind review.
Everything runs on this computer.</translation>
    </message>
    <message>
      <source>上次审核这些文件的进度已自动保存：{d} / {t} 页已有决定，{n} 页已检测。
是否恢复？</source>
      <translation>Your review of these files was autosaved: {d} / {t} pages decided, {n} pages detected.
Restore it?</translation>
    </message>
    <message>
      <source>恢复上次的审核</source>
      <translation>Restore the previous review</translation>
    </message>
    <message>
      <source>界面语言将在重新启动程序后生效。审核进度已自动保存。</source>
      <translation>The language changes after a restart. Your review is autosaved.</translation>
    </message>
    <message>
      <source>文字材料功能暂不可用：</source>
      <translation>Written material is not available: </translation>
    </message>
    <message>
      <source>注意：以下文件在此之后被修改过：</source>
      <translation>Note: these files changed since then:</translation>
    </message>
    <message>
      <source>所有页面都已处理，可以导出 (Ctrl+E)。</source>
      <translation>Every page has a decision: ready to export (Ctrl+E).</translation>
    </message>
    <message>
      <source>预览：导出后的效果（按 B 返回）</source>
      <translation>Preview: the exported result (B to go back)</translation>
    </message>
    <message>
      <source>无法读取：</source>
      <translation>Cannot read: </translation>
    </message>
    <message>
      <source>第 {i} / {n} 页</source>
      <translation>page {i} / {n}</translation>
    </message>
    <message>
      <source>打开附件</source>
      <translation>Open attachments</translation>
    </message>
    <message>
      <source>没有可处理的文件</source>
      <translation>No files to process</translation>
    </message>
    <message>
      <source>所选位置没有支持的文件（JPG、PNG、BMP、TIFF、HEIC、WebP、PDF）。</source>
      <translation>No supported files there (JPG, PNG, BMP, TIFF, HEIC, WebP, PDF).</translation>
    </message>
    <message>
      <source>打开失败</source>
      <translation>Cannot open</translation>
    </message>
    <message>
      <source>找不到：</source>
      <translation>Not found: </translation>
    </message>
    <message>
      <source>保存申请人信息</source>
      <translation>Save applicant profile</translation>
    </message>
    <message>
      <source>申请人信息 (*.toml)</source>
      <translation>Applicant profile (*.toml)</translation>
    </message>
    <message>
      <source>重新检测</source>
      <translation>Detect again</translation>
    </message>
    <message>
      <source>已保存：</source>
      <translation>Saved: </translation>
    </message>
    <message>
      <source>申请人信息已更改。是否重新检测 {n} 个尚未确认的页面？（手动绘制的框会保留）</source>
      <translation>The profile changed. Detect the {n} unconfirmed pages again? (Boxes drawn by hand are kept.)</translation>
    </message>
    <message>
      <source>文字材料：姓名和单位替换为 XX</source>
      <translation>Written material: names and employers → XX</translation>
    </message>
    <message>
      <source>打开 .docx / .txt…</source>
      <translation>Open .docx / .txt…</translation>
    </message>
    <message>
      <source>粘贴</source>
      <translation>Paste</translation>
    </message>
    <message>
      <source>申请人信息…</source>
      <translation>Applicant…</translation>
    </message>
    <message>
      <source>在这里粘贴工作总结、简历、项目简介等文字，或打开 .docx / .txt 文件。</source>
      <translation>Paste a work summary, CV or project description here, or open a .docx / .txt file.</translation>
    </message>
    <message>
      <source>替换后的文字</source>
      <translation>Text after replacement</translation>
    </message>
    <message>
      <source>全部替换</source>
      <translation>Replace all</translation>
    </message>
    <message>
      <source>只替换完全匹配</source>
      <translation>Exact matches only</translation>
    </message>
    <message>
      <source>复制结果</source>
      <translation>Copy result</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>打开文字材料</source>
      <translation>Open written material</translation>
    </message>
    <message>
      <source>文字材料 (*.docx *.txt *.md);;所有文件 (*)</source>
      <translation>Written material (*.docx *.txt *.md);;All files (*)</translation>
    </message>
    <message>
      <source>原文（橙色：将替换；蓝色：建议，勾选后替换）</source>
      <translation>Original (orange: replaced; blue: suggestion, replaced when ticked)</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>替换</source>
      <translation>Replace</translation>
    </message>
    <message>
      <source>文字</source>
      <translation>Text</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>上下文</source>
      <translation>Context</translation>
    </message>
    <message>
      <source>未指定申请人信息</source>
      <translation>No applicant profile</translation>
    </message>
    <message>
      <source>请在 Word 或 WPS 中另存为 .docx。</source>
      <translation>Save it as .docx in Word or WPS.</translation>
    </message>
    <message>
      <source>请先指定申请人信息（姓名和工作单位）。</source>
      <translation>Give the applicant's profile (name and employers) first.</translation>
    </message>
    <message>
      <source>保存清理后的副本</source>
      <translation>Save a cleaned copy</translation>
    </message>
    <message>
      <source>保存结果</source>
      <translation>Save result</translation>
    </message>
    <message>
      <source>文本 (*.txt)</source>
      <translation>Text (*.txt)</translation>
    </message>
    <message>
      <source>查找：</source>
      <translation>Looking for: </translation>
    </message>
    <message>
      <source>在右侧勾选要替换的内容，然后「保存…」得到清理后的副本（文件属性中的作者等信息也会清除）。</source>
      <translation>Tick what to replace on the right, then "Save…" a cleaned copy (document properties such as the author are cleared too).</translation>
    </message>
    <message>
      <source>找到 {n} 处（{s} 处为建议），将替换 {a} 处。</source>
      <translation>Found {n} ({s} suggestions); {a} will be replaced.</translation>
    </message>
    <message>
      <source>请另存为新文件：原文件不会被修改。</source>
      <translation>Save as a new file: the original is never modified.</translation>
    </message>
    <message>
      <source>不支持的文件类型：</source>
      <translation>Unsupported file type: </translation>
    </message>
    <message>
      <source>已打开 Word 文件：</source>
      <translation>Word file opened: </translation>
    </message>
    <message>
      <source>材料目录中没有此人的文件夹</source>
      <translation>No folder for this applicant in the materials folder</translation>
    </message>
    <message>
      <source>文件夹为空</source>
      <translation>The folder is empty</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Pass</translation>
    </message>
    <message>
      <source>未通过</source>
      <translation>Fail</translation>
    </message>
    <message>
      <source>缺材料</source>
      <translation>Missing</translation>
    </message>
    <message>
      <source>核查中</source>
      <translation>Checking</translation>
    </message>
    <message>
      <source>打开花名册…</source>
      <translation>Open roster…</translation>
    </message>
    <message>
      <source>材料根目录…</source>
      <translation>Materials folder…</translation>
    </message>
    <message>
      <source>开始核查</source>
      <translation>Start audit</translation>
    </message>
    <message>
      <source>保存报告…</source>
      <translation>Save report…</translation>
    </message>
    <message>
      <source>只看未通过</source>
      <translation>Failures only</translation>
    </message>
    <message>
      <source>核查 %v / %m 个文件</source>
      <translation>Checking %v / %m files</translation>
    </message>
    <message>
      <source>打开花名册（.xlsx / .csv）和材料根目录（每位申报人一个已遮盖的文件夹）开始核查。</source>
      <translation>Open a roster (.xlsx / .csv) and the materials folder (one masked folder per applicant) to start the audit.</translation>
    </message>
    <message>
      <source>打开花名册</source>
      <translation>Open roster</translation>
    </message>
    <message>
      <source>材料根目录（每位申报人一个文件夹）</source>
      <translation>Materials folder (one folder per applicant)</translation>
    </message>
    <message>
      <source>核查中…已核查且未改动的文件直接取自台账。</source>
      <translation>Auditing… files already checked and unchanged are taken from the ledger.</translation>
    </message>
    <message>
      <source>保存核查报告</source>
      <translation>Save audit report</translation>
    </message>
    <message>
      <source>提示：</source>
      <translation>Note: </translation>
    </message>
    <message>
      <source>序号</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reasons</translation>
    </message>
    <message>
      <source>花名册</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>材料根目录</source>
      <translation>Materials folder</translation>
    </message>
    <message>
      <source>已取消。已核查的文件记在台账中，再次核查时从中断处继续。</source>
      <translation>Cancelled. The files checked so far are in the ledger; the next audit continues from there.</translation>
    </message>
    <message>
      <source>{n} 名申报人：通过 {p}，未通过 {f}，缺材料 {m}</source>
      <translation>{n} applicants: {p} pass, {f} fail, {m} missing</translation>
    </message>
    <message>
      <source>重新核查</source>
      <translation>Audit again</translation>
    </message>
    <message>
      <source>花名册：</source>
      <translation>Roster: </translation>
    </message>
    <message>
      <source>材料：</source>
      <translation>Materials: </translation>
    </message>
    <message>
      <source>网页报告</source>
      <translation>Web page report</translation>
    </message>
    <message>
      <source>花名册无法使用</source>
      <translation>Roster cannot be used</translation>
    </message>
    <message>
      <source>核查未完成</source>
      <translation>Audit not finished</translation>
    </message>
    <message>
      <source>未匹配的文件夹：</source>
      <translation>Unassigned folders: </translation>
    </message>
    <message>
      <source>本次核查 {c} 个文件，未改动 {u} 个</source>
      <translation>{c} files checked this time, {u} unchanged</translation>
    </message>
    <message>
      <source>报告已保存：</source>
      <translation>Report saved: </translation>
    </message>
    <message>
      <source>：</source>
      <translation>: </translation>
    </message>
    <message>
      <source>打开已遮盖的文件</source>
      <translation>Open masked files</translation>
    </message>
    <message>
      <source>无法读取</source>
      <translation>Unreadable</translation>
    </message>
    <message>
      <source>核查花名册…</source>
      <translation>Audit roster…</translation>
    </message>
    <message>
      <source>核查 %v / %m 页</source>
      <translation>Checked %v / %m pages</translation>
    </message>
    <message>
      <source>此申报人没有可核查的文件</source>
      <translation>This applicant has no files to check</translation>
    </message>
    <message>
      <source>打开已遮盖的文件（或文件夹）开始核查。</source>
      <translation>Open masked files (or a folder) to check them.</translation>
    </message>
    <message>
      <source>{n} 个文件：通过 {p}，未通过 {f}，无法读取 {e}</source>
      <translation>{n} files: {p} pass, {f} fail, {e} unreadable</translation>
    </message>
    <message>
      <source>核查对象：</source>
      <translation>Checking for: </translation>
    </message>
    <message>
      <source>核查中 {w}</source>
      <translation>{w} checking</translation>
    </message>
    <message>
      <source>发现 {n} 处问题</source>
      <translation>{n} problem(s) found</translation>
    </message>
    <message>
      <source>公章</source>
      <translation>Seal</translation>
    </message>
    <message>
      <source>眼部</source>
      <translation>Eyes</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>其他印章</source>
      <translation>Other seal</translation>
    </message>
    <message>
      <source>人脸</source>
      <translation>Face</translation>
    </message>
    <message>
      <source>签名</source>
      <translation>Signature</translation>
    </message>
    <message>
      <source>指印</source>
      <translation>Fingerprint</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>他人姓名</source>
      <translation>Another applicant's name</translation>
    </message>
    <message>
      <source>他人单位</source>
      <translation>Another applicant's employer</translation>
    </message>
    <message>
      <source>非JPG格式</source>
      <translation>Not a JPG</translation>
    </message>
    <message>
      <source>方向不正</source>
      <translation>Not upright</translation>
    </message>
    <message>
      <source>文件名含姓名或单位</source>
      <translation>Name or employer in file name</translation>
    </message>
    <message>
      <source>无法打开</source>
      <translation>Cannot be opened</translation>
    </message>
    <message>
      <source>分辨率过低</source>
      <translation>Resolution too low</translation>
    </message>
    <message>
      <source>内容模糊</source>
      <translation>Blurred</translation>
    </message>
    <message>
      <source>含元数据</source>
      <translation>Metadata present</translation>
    </message>
    <message>
      <source>姓名/单位（完全匹配）</source>
      <translation>name/employer (exact match)</translation>
    </message>
    <message>
      <source>单位简称（建议）</source>
      <translation>employer short form (suggestion)</translation>
    </message>
    <message>
      <source>姓氏或名字+称谓（建议）</source>
      <translation>surname or given name + title (suggestion)</translation>
    </message>
    <message>
      <source>名字部分（建议）</source>
      <translation>part of the name (suggestion)</translation>
    </message>
  </context>
</TS>
