import <pkg>
