/** Business-hours arithmetic on calendars. Plain Java. */
package dev.helpdesk.businesstime;
